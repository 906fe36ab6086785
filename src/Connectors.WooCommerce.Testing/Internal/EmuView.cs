namespace Connectors.Testing.WooCommerce.Internal;

/// <summary>What rendering needs from the shop: its REST base URL and its time zone (WordPress's <c>timezone_string</c>).</summary>
/// <param name="ApiBase">The REST base URL ending in <c>/wp-json/wc/v3/</c>.</param>
/// <param name="Zone">The shop's time zone; <c>date_*</c> fields are local to it, <c>date_*_gmt</c> are UTC.</param>
/// <param name="Now">The shop's clock (UTC), for what depends on time (whether a scheduled sale is on).</param>
internal sealed record EmuView(string ApiBase, TimeZoneInfo Zone, DateTime Now);
