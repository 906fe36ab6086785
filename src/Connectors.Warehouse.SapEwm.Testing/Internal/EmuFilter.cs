using System.Globalization;

namespace Connectors.Testing.SapEwm.Internal;

/// <summary>An entity the emulator can filter, sort and render: a property read by name.</summary>
internal interface IEmuEntity
{
    bool TryGet(string name, out object? value);
}

/// <summary>An entity held as a dictionary of property values.</summary>
internal sealed class EmuRecord : Dictionary<string, object?>, IEmuEntity
{
    public EmuRecord()
        : base(StringComparer.Ordinal)
    {
    }

    public bool TryGet(string name, out object? value) => TryGetValue(name, out value);
}

/// <summary>A query the emulator cannot run: answered 400 with SAP's error body.</summary>
internal sealed class EmuQueryException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>
/// The <c>$filter</c> subset SAP Gateway answers for these services: comparisons (<c>eq ne gt ge lt le</c>) of a
/// property with a literal, joined by <c>and</c>/<c>or</c> with parentheses. Literals: <c>'text'</c> (a doubled quote
/// inside), numbers, <c>true</c>/<c>false</c>, V4 bare date-times (<c>2026-12-02T10:00:00Z</c>) and V2
/// <c>datetimeoffset'…'</c>/<c>datetime'…'</c>. Comparing a date-time property with a string literal is refused, as SAP does.
/// </summary>
internal sealed class EmuFilter
{
    private readonly List<string> _tokens;
    private readonly Func<string, Type?> _propertyType;
    private int _at;

    private EmuFilter(List<string> tokens, Func<string, Type?> propertyType)
    {
        _tokens = tokens;
        _propertyType = propertyType;
    }

    public static Func<IEmuEntity, bool> Parse(string? text, Func<string, Type?> propertyType)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return _ => true;
        }

        var parser = new EmuFilter(Tokenize(text), propertyType);
        var expression = parser.Or();
        if (parser._at != parser._tokens.Count)
        {
            throw new EmuQueryException("FILTER_SYNTAX", $"Invalid filter expression: unexpected '{parser._tokens[parser._at]}'");
        }

        return expression;
    }

    private Func<IEmuEntity, bool> Or()
    {
        var left = And();
        while (Peek("or"))
        {
            _at++;
            var l = left;
            var r = And();
            left = e => l(e) || r(e);
        }

        return left;
    }

    private Func<IEmuEntity, bool> And()
    {
        var left = Primary();
        while (Peek("and"))
        {
            _at++;
            var l = left;
            var r = Primary();
            left = e => l(e) && r(e);
        }

        return left;
    }

    private Func<IEmuEntity, bool> Primary()
    {
        if (Peek("("))
        {
            _at++;
            var inner = Or();
            Expect(")");
            return inner;
        }

        var property = Next();
        var type = _propertyType(property) ?? throw new EmuQueryException("FILTER_PROPERTY", $"Property '{property}' is not known in the filter expression");
        var op = Next();
        if (op is not ("eq" or "ne" or "gt" or "ge" or "lt" or "le"))
        {
            throw new EmuQueryException("FILTER_SYNTAX", $"Invalid filter expression: operator expected after '{property}', found '{op}'");
        }

        var literal = Literal(Next(), property, type);
        return e =>
        {
            e.TryGet(property, out var value);
            var c = Compare(value, literal);
            return op switch
            {
                "eq" => c == 0,
                "ne" => c != 0,
                "gt" => c > 0,
                "ge" => c >= 0,
                "lt" => c < 0,
                _ => c <= 0,
            };
        };
    }

    private static object? Literal(string token, string property, Type type)
    {
        if (token == "null")
        {
            return null;
        }

        if (token.StartsWith('\''))
        {
            if (type != typeof(string))
            {
                throw new EmuQueryException("FILTER_TYPE", $"Invalid filter expression: property '{property}' of type {type.Name} compared with a string literal");
            }

            return token[1..^1].Replace("''", "'", StringComparison.Ordinal);
        }

        if (token.StartsWith("datetimeoffset'", StringComparison.Ordinal) || token.StartsWith("datetime'", StringComparison.Ordinal))
        {
            var inner = token[(token.IndexOf('\'', StringComparison.Ordinal) + 1)..^1];
            return ParseDate(inner, property, type);
        }

        if (token.Length > 10 && char.IsAsciiDigit(token[0]) && token[4] == '-' && token.Contains('T', StringComparison.Ordinal))
        {
            return ParseDate(token, property, type);
        }

        if (token is "true" or "false")
        {
            return token == "true";
        }

        if (decimal.TryParse(token.TrimEnd('M', 'm'), NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
        {
            if (type == typeof(string))
            {
                throw new EmuQueryException("FILTER_TYPE", $"Invalid filter expression: property '{property}' of type String compared with a number");
            }

            return number;
        }

        throw new EmuQueryException("FILTER_SYNTAX", $"Invalid filter expression: '{token}' is not a literal");
    }

    private static DateTimeOffset ParseDate(string text, string property, Type type)
    {
        if (type != typeof(DateTimeOffset))
        {
            throw new EmuQueryException("FILTER_TYPE", $"Invalid filter expression: property '{property}' of type {type.Name} compared with a date-time");
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value
            : throw new EmuQueryException("FILTER_SYNTAX", $"Invalid filter expression: '{text}' is not a date-time");
    }

    internal static int Compare(object? a, object? b) => (a, b) switch
    {
        (null, null) => 0,
        (null, _) => -1,
        (_, null) => 1,
        (string x, string y) => string.CompareOrdinal(x, y),
        (decimal x, decimal y) => x.CompareTo(y),
        (DateTimeOffset x, DateTimeOffset y) => x.CompareTo(y),
        (bool x, bool y) => x.CompareTo(y),
        _ => string.CompareOrdinal(Convert.ToString(a, CultureInfo.InvariantCulture), Convert.ToString(b, CultureInfo.InvariantCulture)),
    };

    private bool Peek(string token) => _at < _tokens.Count && _tokens[_at] == token;

    private string Next() => _at < _tokens.Count ? _tokens[_at++] : throw new EmuQueryException("FILTER_SYNTAX", "Invalid filter expression: it ends too early");

    private void Expect(string token)
    {
        if (Next() != token)
        {
            throw new EmuQueryException("FILTER_SYNTAX", $"Invalid filter expression: '{token}' expected");
        }
    }

    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')')
            {
                tokens.Add(c.ToString());
                i++;
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('(' or ')'))
                {
                    if (text[i] == '\'')
                    {
                        i++;
                        while (i < text.Length && !(text[i] == '\'' && (i + 1 >= text.Length || text[i + 1] != '\'')))
                        {
                            i += text[i] == '\'' ? 2 : 1;
                        }
                    }

                    i++;
                }

                tokens.Add(text[start..Math.Min(i, text.Length)]);
            }
        }

        return tokens;
    }
}
