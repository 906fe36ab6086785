using System.Reflection;
using System.Text.Json.Serialization;
using Connectors.Testing;
using Connectors.Testing.Magento;

namespace Connectors.Magento.Tests;

/// <summary>Rules of CONVENTIONS.md checked by reflection over the Magento package and its emulator.</summary>
public sealed class ConventionTests
{
    private static readonly Assembly Package = typeof(MagentoChannel).Assembly;

    private static readonly Type[] PublicTypes =
        [.. Package.GetExportedTypes(), .. typeof(MagentoEmulator).Assembly.GetExportedTypes().Where(t => t.Name.StartsWith("Magento", StringComparison.Ordinal))];

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
    public void Dtos_EveryPropertyHasAJsonName()
    {
        var offenders = Package.GetTypes()
            .Where(t => t.Namespace == "Connectors.Magento.Internal.Dto")
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            .Where(p => p.GetCustomAttribute<JsonPropertyNameAttribute>() is null)
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}")
            .ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void ChannelAndEmulatorRecords_HaveNoPublicSetters()
    {
        var offenders = PublicTypes
            .Where(t => t == typeof(MagentoChannel) || t == typeof(MagentoEmulatorLine) || t == typeof(MagentoEmulatorRequest))
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(p => p.SetMethod is { IsPublic: true } setter && !setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.Name == "IsExternalInit"))
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}")
            .ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void Internals_AreNotPublic()
    {
        Assert.DoesNotContain(Package.GetExportedTypes(), t => t.Namespace?.Contains("Internal", StringComparison.Ordinal) == true);
    }
}
