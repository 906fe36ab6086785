using System.Globalization;

namespace Connectors.Warehouse.SapEwm.Internal.OData;

/// <summary>Literals for <c>$filter</c> expressions and key predicates, in the syntax of each OData version.</summary>
internal static class ODataLiteral
{
    /// <summary>A string literal: single quotes, an embedded quote doubled (both versions).</summary>
    public static string String(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    /// <summary>
    /// A point in time for an <c>Edm.DateTimeOffset</c> property: V4 writes it bare in ISO 8601 (<c>2026-12-02T10:00:00Z</c>),
    /// V2 as <c>datetimeoffset'2026-12-02T10:00:00Z'</c>.
    /// </summary>
    public static string DateTimeOffset(DateTimeOffset value, ODataVersion version)
    {
        var iso = value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return version == ODataVersion.V4 ? iso : "datetimeoffset'" + iso + "'";
    }

    /// <summary>A query string value escaped for a URL (spaces as <c>%20</c>, as SAP Gateway expects).</summary>
    public static string Escape(string value) => Uri.EscapeDataString(value);
}
