using System.Globalization;
using System.Text;

namespace Connectors.Mapping.Internal;

/// <summary>Folds a place name to a comparison key: lower case, no diacritics, <c>&amp;</c> as <c>and</c>, <c>St.</c> as <c>saint</c>, no punctuation, single spaces, no leading <c>the</c>.</summary>
internal static class NameKey
{
    public static string Fold(string value)
    {
        var decomposed = value.Trim().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length + 8);
        var pendingSpace = false;
        for (var i = 0; i < decomposed.Length; i++)
        {
            var ch = decomposed[i];
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(ch))
            {
                if (pendingSpace && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                pendingSpace = false;
                builder.Append(char.ToLowerInvariant(ch));
            }
            else if (ch == '&')
            {
                builder.Append(builder.Length > 0 ? " and" : "and");
                pendingSpace = true;
            }
            else if (ch is '.' or '\'' or '\u2019')
            {
                // "U.S.A." is "usa", "d'Ivoire" is "divoire": these join, they do not split.
            }
            else
            {
                pendingSpace = true;
            }
        }

        var key = builder.ToString();
        if (key.StartsWith("st ", StringComparison.Ordinal))
        {
            key = "saint " + key[3..];
        }

        if (key.StartsWith("the ", StringComparison.Ordinal))
        {
            key = key[4..];
        }

        return key;
    }
}
