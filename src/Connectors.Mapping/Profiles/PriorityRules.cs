namespace Connectors.Mapping.Profiles;

/// <summary>WMS priority from tags and attributes: the highest matching rule wins, else <see cref="Default"/>.</summary>
public sealed class PriorityRules
{
    /// <summary>The priority when no rule matches.</summary>
    /// <value>0 by default.</value>
    public int Default { get; set; }

    /// <summary>The rules.</summary>
    public IList<PriorityRule> Rules { get; } = new List<PriorityRule>();
}
