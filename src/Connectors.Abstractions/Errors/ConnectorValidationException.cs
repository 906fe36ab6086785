namespace Connectors;

/// <summary>Input is invalid: each <see cref="ValidationError"/> names the field path and what is wrong. Permanent.</summary>
public class ConnectorValidationException : ConnectorException
{
    /// <summary>Creates an exception for one field.</summary>
    /// <param name="fieldPath">The field path.</param>
    /// <param name="message">What is wrong.</param>
    public ConnectorValidationException(string fieldPath, string message)
        : this([new ValidationError(fieldPath, message)])
    {
    }

    /// <summary>Creates an exception for several fields.</summary>
    /// <param name="errors">The problems; at least one.</param>
    public ConnectorValidationException(IReadOnlyList<ValidationError> errors)
        : this(errors, null)
    {
    }

    /// <summary>Creates an exception for several fields, with its cause.</summary>
    /// <param name="errors">The problems; at least one.</param>
    /// <param name="innerException">The cause.</param>
    public ConnectorValidationException(IReadOnlyList<ValidationError> errors, Exception? innerException)
        : base(Describe(errors), isTransient: false, innerException)
    {
        Errors = errors;
    }

    /// <summary>The problems found.</summary>
    public IReadOnlyList<ValidationError> Errors { get; }

    /// <summary>The path of the first field in error.</summary>
    public string FieldPath => Errors.Count > 0 ? Errors[0].FieldPath : string.Empty;

    private static string Describe(IReadOnlyList<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Count == 1
            ? $"Invalid value: {errors[0]}"
            : $"{errors.Count} invalid values: {string.Join("; ", errors)}";
    }
}
