using System.Collections.Frozen;
using Connectors.Mapping.Internal.Data;

namespace Connectors.Mapping.Internal;

/// <summary>
/// Phone numbers to E.164 (<c>+</c>, country code, national number; 8 to 15 digits) where that can be done without
/// guessing: the number is already international (<c>+</c> or <c>00</c>), or the country's calling code is known.
/// Extensions (<c>x123</c>, <c>ext. 123</c>) and a bracketed trunk <c>(0)</c> are dropped.
/// </summary>
internal static class PhoneNormaliser
{
    private static readonly FrozenDictionary<string, (string Code, bool KeepTrunkZero)> CallingCodes = CallingCodeData.Rows
        .Select(r => r.Split('='))
        .ToFrozenDictionary(
            p => p[0],
            p => (p[1].TrimEnd('!'), p[1].EndsWith('!')),
            StringComparer.OrdinalIgnoreCase);

    public static bool TryNormalise(string phone, string? countryCode, out string e164)
    {
        e164 = string.Empty;
        Span<char> digits = stackalloc char[32];
        var count = 0;
        var plus = false;
        var seenDigit = false;
        for (var i = 0; i < phone.Length; i++)
        {
            var ch = phone[i];
            if (ch == '(' && seenDigit && i + 2 < phone.Length && phone[i + 1] == '0' && phone[i + 2] == ')')
            {
                // "+44 (0)20 …": the bracketed trunk 0 is not dialled from abroad.
                i += 2;
            }
            else if (char.IsAsciiDigit(ch))
            {
                if (count == digits.Length)
                {
                    return false;
                }

                digits[count++] = ch;
                seenDigit = true;
            }
            else if (ch == '+' && !seenDigit)
            {
                plus = true;
            }
            else if (ch is 'x' or 'X' or 'e' or 'E' or '#' or ';' or ',')
            {
                break;
            }
        }

        ReadOnlySpan<char> number = digits[..count];
        if (!plus && number.StartsWith("00"))
        {
            plus = true;
            number = number[2..];
        }

        if (plus)
        {
            return Accept(default, number, out e164);
        }

        if (countryCode is null || !CallingCodes.TryGetValue(countryCode, out var calling))
        {
            return false;
        }

        if (calling.Code == "1")
        {
            if (number.Length == 11 && number[0] == '1')
            {
                number = number[1..];
            }

            return number.Length == 10 && Accept("1", number, out e164);
        }

        if (number.StartsWith(calling.Code) && number.Length > calling.Code.Length + 7 && number[calling.Code.Length] != '0')
        {
            // Written with the country code but without + or 00.
            return Accept(default, number, out e164);
        }

        if (!calling.KeepTrunkZero && number.Length > 0 && number[0] == '0')
        {
            number = number[1..];
        }

        return Accept(calling.Code, number, out e164);
    }

    private static bool Accept(ReadOnlySpan<char> countryCode, ReadOnlySpan<char> number, out string e164)
    {
        var length = countryCode.Length + number.Length;
        if (length is < 8 or > 15 || (countryCode.IsEmpty ? number.IsEmpty || number[0] == '0' : countryCode[0] == '0'))
        {
            e164 = string.Empty;
            return false;
        }

        e164 = string.Concat("+", countryCode, number);
        return true;
    }
}
