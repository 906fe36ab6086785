using System.Reflection;
using Connectors.Testing;
using Connectors.Testing.WooCommerce;

namespace Connectors.WooCommerce.Tests;

/// <summary>Rules of CONVENTIONS.md checked by reflection over the WooCommerce package and its emulator.</summary>
public sealed class ConventionTests
{
    private static readonly Type[] PublicTypes =
        [.. typeof(WooCommerceChannel).Assembly.GetExportedTypes(), .. typeof(WooCommerceEmulator).Assembly.GetExportedTypes().Where(t => t.Name.Contains("WooCommerce", StringComparison.Ordinal) || t.Name.StartsWith("Emulated", StringComparison.Ordinal))];

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
    public void PublicExceptionsAndRecords_HaveNoPublicSetters()
    {
        var offenders = PublicTypes
            .Where(t => typeof(Exception).IsAssignableFrom(t) || t == typeof(WooCommerceChannel) || t.Name.StartsWith("Emulated", StringComparison.Ordinal))
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(p => p.SetMethod is { IsPublic: true } setter && !setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.Name == "IsExternalInit"))
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}")
            .ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void InternalDtos_AreNotPublic()
    {
        Assert.DoesNotContain(typeof(WooCommerceChannel).Assembly.GetExportedTypes(), t => t.Namespace?.Contains("Internal", StringComparison.Ordinal) == true);
    }
}
