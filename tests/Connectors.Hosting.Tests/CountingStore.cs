using System.Reflection;

namespace Connectors.Hosting.Tests;

/// <summary>An <see cref="ISyncStateStore"/> that forwards every call to an inner store and counts calls by member name.</summary>
public class CountingStore : DispatchProxy
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private ISyncStateStore _inner = null!;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    internal static (ISyncStateStore Store, CountingStore Counts) Wrap(ISyncStateStore inner)
    {
        var store = Create<ISyncStateStore, CountingStore>();
        var counts = (CountingStore)(object)store;
        counts._inner = inner;
        return (store, counts);
    }

    /// <summary>How many times <paramref name="member"/> was called.</summary>
    public int Calls(string member) => _calls.GetValueOrDefault(member);

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        _calls.AddOrUpdate(targetMethod.Name, 1, (_, n) => n + 1);
        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
    }
}
