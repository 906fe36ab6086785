using System.Reflection;

namespace Connectors.Tests.Inventory;

/// <summary>A store seen only as <see cref="ISyncStateStore"/>: hides <see cref="IStockBookStore"/>, as a third-party store without it would.</summary>
public class PlainStore : DispatchProxy
{
    private ISyncStateStore? _inner;

    public static ISyncStateStore Wrap(ISyncStateStore inner)
    {
        var proxy = Create<ISyncStateStore, PlainStore>();
        ((PlainStore)(object)proxy)._inner = inner;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
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
