namespace Connectors.Warehouse.SapEwm.Internal.OData;

/// <summary>The OData protocol version of a service: the payload format, paging and error shapes differ.</summary>
internal enum ODataVersion
{
    V2 = 2,
    V4 = 4,
}

/// <summary>One OData service of the system: its name (for errors and telemetry), protocol version and path below the host.</summary>
internal sealed record ODataService(string Name, ODataVersion Version, string Path)
{
    /// <summary>The service root with a trailing slash, resolved against the host.</summary>
    public Uri Root(Uri host) => new(host, Path.EndsWith('/') ? Path : Path + "/");
}
