using System.Collections.Frozen;
using System.Text;
using Connectors.Mapping.Profiles;

namespace Connectors.Mapping.Internal;

/// <summary>A compiled custom-field rule.</summary>
internal sealed class CustomFieldCompiled
{
    [ThreadStatic]
    private static StringBuilder? s_builder;

    public required string RuleName { get; init; }

    public required string Target { get; init; }

    public required CustomFieldKind Kind { get; init; }

    public FieldSource Source { get; init; }

    public string? Value { get; init; }

    public FrozenDictionary<string, string>? Table { get; init; }

    public string? Default { get; init; }

    public bool Required { get; init; }

    public TemplatePart[] Template { get; init; } = [];

    public string? Evaluate(ChannelOrder order, Address? shipTo)
    {
        string? result;
        switch (Kind)
        {
            case CustomFieldKind.Constant:
                result = Value;
                break;
            case CustomFieldKind.Copy:
                result = Source.Read(order, shipTo);
                break;
            case CustomFieldKind.Lookup:
                var key = Source.Read(order, shipTo);
                result = key is not null && Table!.TryGetValue(key, out var mapped) ? mapped : null;
                break;
            default:
                if (Template.Length <= 4)
                {
                    result = string.Concat(Part(0, order, shipTo), Part(1, order, shipTo), Part(2, order, shipTo), Part(3, order, shipTo));
                    break;
                }

                var builder = s_builder ??= new StringBuilder(64);
                builder.Clear();
                foreach (var part in Template)
                {
                    builder.Append(part.Literal ?? part.Source.Read(order, shipTo));
                }

                result = builder.ToString();
                break;
        }

        return string.IsNullOrEmpty(result) ? Default : result;
    }

    private string? Part(int index, ChannelOrder order, Address? shipTo) =>
        index >= Template.Length ? null : Template[index].Literal ?? Template[index].Source.Read(order, shipTo);

    public static bool TryParseTemplate(string template, out TemplatePart[] parts, out string? error)
    {
        var list = new List<TemplatePart>();
        var position = 0;
        error = null;
        while (position < template.Length)
        {
            var open = template.IndexOf('{', position);
            if (open < 0)
            {
                list.Add(new TemplatePart(template[position..], default));
                break;
            }

            if (open > position)
            {
                list.Add(new TemplatePart(template[position..open], default));
            }

            var close = template.IndexOf('}', open + 1);
            if (close < 0)
            {
                error = $"has a '{{' at {open} with no closing '}}'.";
                parts = [];
                return false;
            }

            var path = template[(open + 1)..close];
            if (!FieldSource.TryParse(path, out var source))
            {
                error = $"names an unknown source '{{{path}}}'.";
                parts = [];
                return false;
            }

            list.Add(new TemplatePart(null, source));
            position = close + 1;
        }

        parts = [.. list];
        return true;
    }
}
