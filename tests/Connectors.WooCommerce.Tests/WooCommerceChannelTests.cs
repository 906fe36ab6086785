namespace Connectors.WooCommerce.Tests;

/// <summary>The WooCommerce channel: against WireMock stubs of the recorded traffic and end to end against the emulator.</summary>
public sealed partial class WooCommerceChannelTests
{
}
