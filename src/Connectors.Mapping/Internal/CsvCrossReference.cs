using System.Globalization;

namespace Connectors.Mapping.Internal;

/// <summary>
/// Reads a cross-reference CSV: <c>channelItemId,sku[,quantityPerUnit[,channelSku]]</c>, comma or semicolon
/// separated, fields optionally in double quotes, a header row (first field <c>channelItemId</c>) and blank or
/// <c>#</c> lines skipped.
/// </summary>
internal static class CsvCrossReference
{
    public static IEnumerable<(int LineNumber, string[] Fields)> Read(string path)
    {
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var fields = Split(line);
            if (number == 1 && string.Equals(fields[0], "channelItemId", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            yield return (number, fields);
        }
    }

    public static bool TryParseQuantity(string text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out value);

    private static string[] Split(string line)
    {
        var separator = line.Contains(',', StringComparison.Ordinal) || !line.Contains(';', StringComparison.Ordinal) ? ',' : ';';
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(ch);
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == separator)
            {
                fields.Add(current.ToString().Trim());
                current.Clear();
            }
            else
            {
                current.Append(ch);
            }
        }

        fields.Add(current.ToString().Trim());
        return [.. fields];
    }
}
