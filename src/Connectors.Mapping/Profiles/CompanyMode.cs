namespace Connectors.Mapping.Profiles;

/// <summary>How the company and name fields of an address are combined for the WMS.</summary>
public enum CompanyMode
{
    /// <summary>As the channel sent them.</summary>
    Keep = 0,

    /// <summary>Company joined into the name (<c>Name / Company</c>), company cleared; the name alone when there is no company.</summary>
    JoinIntoName,

    /// <summary>The name's words beyond the <c>Name</c> length limit move to an empty company field (WMS with a short name field).</summary>
    SplitLongName,

    /// <summary>The company becomes the name when the name is empty.</summary>
    CompanyWhenNoName,
}
