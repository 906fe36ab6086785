using System.Reflection;
using System.Text.Json.Serialization;
using Connectors.Testing;
using Connectors.Testing.SapEwm;

namespace Connectors.Warehouse.SapEwm.Tests;

/// <summary>Rules of CONVENTIONS.md checked by reflection over the SAP EWM package and its emulator.</summary>
public sealed class ConventionTests
{
    private static readonly Type[] PublicTypes =
        [.. typeof(SapEwmWarehouse).Assembly.GetExportedTypes(), .. typeof(SapEwmEmulator).Assembly.GetExportedTypes().Where(t => t.Name.StartsWith("SapE", StringComparison.Ordinal))];

    [Fact]
    public void PublicAsyncMethods_EndWithOptionalCancellationToken()
    {
        var offenders = PublicTypes
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => typeof(Task).IsAssignableFrom(m.ReturnType) || (m.ReturnType.IsGenericType && m.ReturnType.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>)))
            .Where(m => m.Name != nameof(IAsyncDisposable.DisposeAsync))
            .Where(m => m.GetParameters() is not [.., { ParameterType: var last, HasDefaultValue: true }] || last != typeof(CancellationToken))
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}")
            .ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void PublicExceptionsAndModels_HaveNoPublicSetters()
    {
        var offenders = PublicTypes
            .Where(t => typeof(Exception).IsAssignableFrom(t) || t == typeof(SapErrorDetail) || t == typeof(SapOutboundDelivery) || t == typeof(SapEwmEmulatorRequest) || t == typeof(SapEwmEmulatorDeliveryItem))
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(p => p.SetMethod is { IsPublic: true } setter && !setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.Name == "IsExternalInit"))
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}")
            .ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void Dtos_EveryPropertyHasItsJsonName()
    {
        var offenders = typeof(SapEwmWarehouse).Assembly.GetTypes()
            .Where(t => t.Namespace == "Connectors.Warehouse.SapEwm.Internal.Dto" && !t.IsAbstract && t.IsClass && !t.Name.Contains("Context", StringComparison.Ordinal) && !t.IsNested)
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(p => p.GetCustomAttribute<JsonPropertyNameAttribute>() is null)
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}")
            .ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void InternalTypes_AreNotPublic() =>
        Assert.DoesNotContain(typeof(SapEwmWarehouse).Assembly.GetExportedTypes(), t => t.Namespace?.Contains("Internal", StringComparison.Ordinal) == true);
}
