using System.Reflection;

namespace Connectors.Storage.PostgreSql.Tests.MultiHost;

/// <summary>
/// A state store that forwards to a real one and can fail the next call of one method, as a host that crashes (or
/// loses its database connection) at that point would.
/// </summary>
public class CrashingStore : DispatchProxy
{
    private ISyncStateStore? _inner;
    private readonly Lock _gate = new();
    private string? _failNext;

    public static ISyncStateStore Wrap(ISyncStateStore inner, out CrashingStore control)
    {
        var proxy = Create<ISyncStateStore, CrashingStore>();
        control = (CrashingStore)(object)proxy;
        control._inner = inner;
        return proxy;
    }

    /// <summary>Makes the next call of the method throw before it reaches the store.</summary>
    public void FailNext(string methodName)
    {
        lock (_gate)
        {
            _failNext = methodName;
        }
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        lock (_gate)
        {
            if (string.Equals(_failNext, targetMethod.Name, StringComparison.Ordinal))
            {
                _failNext = null;
                throw new ConnectorException($"simulated crash before {targetMethod.Name}", isTransient: true);
            }
        }

        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }
}
