using Microsoft.Extensions.DependencyInjection;

namespace Connectors.DependencyInjection;

internal sealed class ConnectorsBuilder(IServiceCollection services) : IConnectorsBuilder
{
    public IServiceCollection Services { get; } = services;
}
