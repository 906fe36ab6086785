using System.Text.RegularExpressions;

namespace Connectors.Performance.Internal;

/// <summary>
/// Whether a tracking number matches its carrier's published format (docs/seller-performance.md lists the formats and
/// their sources). Only the shape is checked, plus the UPU S10 check digit for postal numbers; whether the carrier
/// has scanned the parcel is the marketplace's business. An unknown carrier is not valid: the marketplace cannot
/// validate it either, and counting it valid would hide a missing carrier mapping.
/// </summary>
internal static partial class TrackingNumberFormats
{
    private static readonly int[] S10Weights = [8, 6, 4, 2, 3, 5, 9, 7];

    /// <summary>The carrier family of a carrier name as shipments and channels write it, or <see langword="null"/>.</summary>
    public static string? Family(string? carrier)
    {
        if (string.IsNullOrWhiteSpace(carrier))
        {
            return null;
        }

        var key = new string([.. carrier.Where(char.IsLetter).Select(char.ToLowerInvariant)]);
        return key switch
        {
            "ups" or "unitedparcelservice" or "upsground" or "upsexpress" => "UPS",
            "usps" or "unitedstatespostalservice" => "USPS",
            _ when key.StartsWith("fedex", StringComparison.Ordinal) || key == "federalexpress" => "FedEx",
            _ when key.StartsWith("dhl", StringComparison.Ordinal) => "DHL",
            "royalmail" or "parcelforce" or "royalmailparcelforce" => "RoyalMail",
            _ when key.StartsWith("dpd", StringComparison.Ordinal) => "DPD",
            _ => null,
        };
    }

    /// <summary>Whether <paramref name="number"/> is a valid tracking number of <paramref name="carrier"/>.</summary>
    public static bool IsValid(string? carrier, string? number)
    {
        if (string.IsNullOrWhiteSpace(number))
        {
            return false;
        }

        var n = new string([.. number.Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant)]);
        return Family(carrier) switch
        {
            "UPS" => Ups().IsMatch(n),
            "USPS" => UspsDomestic().IsMatch(n) || IsS10(n, "US"),
            "FedEx" => FedEx().IsMatch(n),
            "DHL" => DhlExpress().IsMatch(n) || DhlParcel().IsMatch(n) || DhlJjd().IsMatch(n) || DhlEcommerce().IsMatch(n) || IsS10(n, null),
            "RoyalMail" => IsS10(n, "GB"),
            "DPD" => Dpd().IsMatch(n),
            _ => false,
        };
    }

    /// <summary>
    /// A UPU S10 item identifier: two letters, eight serial digits, a check digit (weights 8 6 4 2 3 5 9 7, 11 minus
    /// the sum modulo 11, 10 -> 0, 11 -> 5) and the ISO country code of the issuing post.
    /// </summary>
    public static bool IsS10(string n, string? country)
    {
        if (!S10().IsMatch(n) || (country is not null && !n.EndsWith(country, StringComparison.Ordinal)))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            sum += (n[2 + i] - '0') * S10Weights[i];
        }

        var check = 11 - (sum % 11);
        check = check switch { 10 => 0, 11 => 5, _ => check };
        return n[10] - '0' == check;
    }

    [GeneratedRegex("^1Z[0-9A-Z]{16}$", RegexOptions.CultureInvariant)]
    private static partial Regex Ups();

    // IMpb: 20 to 22 digits (domestic barcodes start with 9; 20-digit legacy numbers too), or 26 digits with routing.
    [GeneratedRegex("^(?:\\d{20,22}|420\\d{5}9\\d{21})$", RegexOptions.CultureInvariant)]
    private static partial Regex UspsDomestic();

    // Express 12, Ground 15, SmartPost/Ground Economy 20 or 22, door tag / freight 34 (with barcode prefix).
    [GeneratedRegex("^(?:\\d{12}|\\d{15}|\\d{20}|\\d{22}|\\d{34})$", RegexOptions.CultureInvariant)]
    private static partial Regex FedEx();

    [GeneratedRegex("^\\d{10}$", RegexOptions.CultureInvariant)]
    private static partial Regex DhlExpress();

    // DHL Paket (Germany): 12 or 20 digits.
    [GeneratedRegex("^(?:\\d{12}|\\d{20})$", RegexOptions.CultureInvariant)]
    private static partial Regex DhlParcel();

    [GeneratedRegex("^JJD\\d{18,20}$", RegexOptions.CultureInvariant)]
    private static partial Regex DhlJjd();

    // DHL eCommerce: GM + 16 to 18 digits.
    [GeneratedRegex("^GM\\d{16,18}$", RegexOptions.CultureInvariant)]
    private static partial Regex DhlEcommerce();

    // DPD parcel number: 14 digits (4-digit depot + 10-digit parcel), optionally with its check character.
    [GeneratedRegex("^\\d{14}[0-9A-Z]?$", RegexOptions.CultureInvariant)]
    private static partial Regex Dpd();

    [GeneratedRegex("^[A-Z]{2}\\d{9}[A-Z]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex S10();
}
