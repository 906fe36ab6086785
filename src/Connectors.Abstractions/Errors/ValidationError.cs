namespace Connectors;

/// <summary>One problem found by validation: the field path (for example <c>Lines[2].Quantity</c>) and what is wrong.</summary>
/// <param name="FieldPath">The path of the field, from the validated object.</param>
/// <param name="Message">What is wrong and what would be valid.</param>
public sealed record ValidationError(string FieldPath, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{FieldPath} {Message}";
}
