using Microsoft.Extensions.DependencyInjection;

namespace Connectors;

/// <summary>
/// Returned by <c>services.AddConnectors()</c>; platform, mapping, storage and hosting packages hang their
/// extension methods on it (<c>.AddShopify("store-a", ...)</c>, <c>.UseSqlite(...)</c>).
/// </summary>
public interface IConnectorsBuilder
{
    /// <summary>The service collection being configured.</summary>
    IServiceCollection Services { get; }
}
