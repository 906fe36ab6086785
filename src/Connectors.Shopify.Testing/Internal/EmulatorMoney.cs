using System.Globalization;

namespace Connectors.Testing.Shopify.Internal;

/// <summary>Money as Shopify shows it: amounts carry the currency's minor units (ISO 4217: JPY 0, KWD 3, EUR 2).</summary>
internal static class EmulatorMoney
{
    private static readonly HashSet<string> NoMinorUnit = new(StringComparer.OrdinalIgnoreCase)
    {
        "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF",
    };

    private static readonly HashSet<string> ThreeMinorUnits = new(StringComparer.OrdinalIgnoreCase)
    {
        "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND",
    };

    /// <summary>The number of decimals of <paramref name="currency"/> (ISO 4217 minor units; 2 when not listed).</summary>
    public static int MinorUnits(string currency) => NoMinorUnit.Contains(currency) ? 0 : ThreeMinorUnits.Contains(currency) ? 3 : 2;

    /// <summary>The amount rounded to the currency's minor unit and written with exactly that many decimals.</summary>
    public static string Format(decimal amount, string currency)
    {
        var digits = MinorUnits(currency);
        return Math.Round(amount, digits, MidpointRounding.ToEven).ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>The emulator's flat shipping charge: 495 minor units (4.95 EUR, 495 JPY, 0.495 KWD).</summary>
    public static decimal Shipping(string currency) => 495m / (decimal)Math.Pow(10, MinorUnits(currency));
}
