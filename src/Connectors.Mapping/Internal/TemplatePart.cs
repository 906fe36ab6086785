namespace Connectors.Mapping.Internal;

/// <summary>One piece of a compiled template: a literal, or a source path.</summary>
internal readonly record struct TemplatePart(string? Literal, FieldSource Source);
