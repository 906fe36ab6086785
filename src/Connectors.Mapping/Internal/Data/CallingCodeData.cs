namespace Connectors.Mapping.Internal.Data;

/// <summary>
/// International calling codes by ISO 3166-1 alpha-2 code, and whether a national number's leading trunk 0 is
/// dropped when it is written in E.164 (not in Italy, San Marino or the Vatican). Countries not listed are left as the
/// channel sent them unless the number is already international.
/// </summary>
internal static class CallingCodeData
{
    /// <summary>Format: <c>CC=code</c>; a trailing <c>!</c> keeps the leading 0.</summary>
    public static readonly string[] Rows =
    [
        "US=1", "CA=1", "PR=1", "GU=1", "VI=1", "AS=1", "MP=1", "BS=1", "BB=1", "JM=1", "TT=1", "DO=1", "AG=1", "BM=1", "KY=1",
        "GB=44", "IE=353", "DE=49", "AT=43", "CH=41", "LI=423", "FR=33", "MC=377", "BE=32", "NL=31", "LU=352", "IT=39!", "SM=378!",
        "VA=39!", "ES=34", "PT=351", "DK=45", "SE=46", "NO=47", "FI=358", "IS=354", "PL=48", "CZ=420", "SK=421", "HU=36",
        "SI=386", "HR=385", "RO=40", "BG=359", "GR=30", "CY=357", "MT=356", "EE=372", "LV=371", "LT=370", "UA=380", "TR=90",
        "RU=7", "KZ=7", "IL=972", "AE=971", "SA=966", "QA=974", "KW=965", "BH=973", "OM=968", "EG=20", "MA=212", "ZA=27",
        "NG=234", "KE=254", "IN=91", "PK=92", "BD=880", "LK=94", "CN=86", "HK=852", "MO=853", "TW=886", "JP=81", "KR=82",
        "SG=65", "MY=60", "TH=66", "VN=84", "PH=63", "ID=62", "AU=61", "NZ=64", "MX=52", "BR=55", "AR=54", "CL=56", "CO=57",
        "PE=51", "UY=598", "PY=595", "EC=593", "VE=58", "CR=506", "PA=507", "RS=381", "BA=387", "ME=382", "MK=389", "AL=355",
    ];
}
