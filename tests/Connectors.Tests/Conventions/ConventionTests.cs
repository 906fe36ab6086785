using System.Reflection;
using System.Runtime.CompilerServices;
using Connectors.State;

namespace Connectors.Tests.Conventions;

/// <summary>
/// Rules that hold across the shipped assemblies, checked by reflection so that a new type cannot quietly
/// break them: async methods take a token, errors and results are immutable.
/// </summary>
public class ConventionTests
{
    private static readonly Assembly[] Shipped =
    [
        typeof(ChannelOrder).Assembly,
        typeof(InMemorySyncStateStore).Assembly,
    ];

    private static IEnumerable<Type> PublicTypes => Shipped.SelectMany(a => a.GetExportedTypes());

    [Fact]
    public void PublicAsyncMethods_EndWithCancellationToken()
    {
        var offenders = PublicTypes
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => !m.IsSpecialName && IsAsync(m.ReturnType))
            .Where(m => m.GetParameters() is var p && (p.Length == 0 || p[^1].ParameterType != typeof(CancellationToken)))
            .Select(m => $"{m.DeclaringType!.FullName}.{m.Name}")
            .ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void Exceptions_HaveNoPublicSetters()
    {
        var offenders = PublicTypes
            .Where(t => typeof(ConnectorException).IsAssignableFrom(t))
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(p => p.SetMethod is { IsPublic: true })
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}")
            .ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void ModelRecords_HaveNoPublicSettersExceptInit()
    {
        var offenders = typeof(ChannelOrder).Assembly.GetExportedTypes()
            .Where(t => t.GetMethod("<Clone>$") is not null || t.IsValueType)
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(p => p.SetMethod is { IsPublic: true } setter && !IsInitOnly(setter))
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}")
            .ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void Exceptions_AllDeriveFromConnectorException()
    {
        var offenders = PublicTypes
            .Where(t => typeof(Exception).IsAssignableFrom(t) && !typeof(ConnectorException).IsAssignableFrom(t))
            .Select(t => t.FullName)
            .ToList();

        Assert.Empty(offenders);
    }

    private static bool IsAsync(Type type) =>
        type == typeof(Task) || type == typeof(ValueTask)
        || (type.IsGenericType && type.GetGenericTypeDefinition() is var g
            && (g == typeof(Task<>) || g == typeof(ValueTask<>) || g == typeof(IAsyncEnumerable<>)));

    private static bool IsInitOnly(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));
}
