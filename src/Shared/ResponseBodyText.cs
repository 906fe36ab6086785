using System.Text;

namespace Connectors.Internal;

/// <summary>
/// How platform packages quote an unexpected response body in an error message: whitespace runs folded to one space
/// and the text cut at a length with an ellipsis, so an HTML error page or a PHP notice stays readable in one log line.
/// Linked as source from <c>src/Shared</c> into each package that uses it.
/// </summary>
internal static class ResponseBodyText
{
    /// <summary>The body with whitespace folded, cut after <paramref name="maxLength"/> characters.</summary>
    /// <param name="body">The response body.</param>
    /// <param name="maxLength">How many characters to keep.</param>
    public static string Quote(string body, int maxLength)
    {
        var sb = new StringBuilder(maxLength + 1);
        var lastSpace = false;
        foreach (var c in body)
        {
            if (sb.Length >= maxLength)
            {
                sb.Append('…');
                break;
            }

            if (char.IsWhiteSpace(c))
            {
                if (!lastSpace && sb.Length > 0)
                {
                    sb.Append(' ');
                }

                lastSpace = true;
            }
            else
            {
                sb.Append(c);
                lastSpace = false;
            }
        }

        return sb.ToString();
    }
}
