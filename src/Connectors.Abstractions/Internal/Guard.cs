using System.Runtime.CompilerServices;

namespace Connectors.Internal;

/// <summary>Argument checks that raise <see cref="ConnectorValidationException"/> naming the field.</summary>
internal static class Guard
{
    public static string NotEmpty(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ConnectorValidationException(field, "is required and must not be empty.");
        }

        return value;
    }

    public static int NotNegative(int value, string field)
    {
        if (value < 0)
        {
            throw new ConnectorValidationException(field, $"must not be negative (was {value}).");
        }

        return value;
    }

    public static decimal NotNegative(decimal value, string field)
    {
        if (value < 0)
        {
            throw new ConnectorValidationException(field, $"must not be negative (was {value}).");
        }

        return value;
    }

    public static int Positive(int value, string field)
    {
        if (value <= 0)
        {
            throw new ConnectorValidationException(field, $"must be greater than zero (was {value}).");
        }

        return value;
    }

    public static decimal Positive(decimal value, string field)
    {
        if (value <= 0)
        {
            throw new ConnectorValidationException(field, $"must be greater than zero (was {value}).");
        }

        return value;
    }

    public static IReadOnlyList<T> List<T>(IReadOnlyList<T>? value) => value ?? [];

    public static IReadOnlyDictionary<string, string> Map(IReadOnlyDictionary<string, string>? value) =>
        value ?? EmptyMap;

    private static readonly IReadOnlyDictionary<string, string> EmptyMap =
        new Dictionary<string, string>(0, StringComparer.Ordinal);

    public static T NotNull<T>(T? value, [CallerArgumentExpression(nameof(value))] string? field = null)
        where T : class =>
        value ?? throw new ConnectorValidationException(field ?? "value", "is required.");
}
