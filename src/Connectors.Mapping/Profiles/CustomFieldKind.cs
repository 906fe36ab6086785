namespace Connectors.Mapping.Profiles;

/// <summary>The kinds of declarative custom-field rules.</summary>
public enum CustomFieldKind
{
    /// <summary>Copies the source's value.</summary>
    Copy = 0,

    /// <summary>A fixed value.</summary>
    Constant,

    /// <summary>The source's value looked up in a table.</summary>
    Lookup,

    /// <summary>A template with <c>{path}</c> placeholders.</summary>
    Template,
}
