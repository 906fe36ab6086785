using Connectors.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connectors.Inventory.Internal;

/// <summary>
/// The rules of <see cref="InventorySyncOptions"/> DataAnnotations cannot express: decimal and TimeSpan ranges, mappings,
/// channel names, and the location mapping a channel with a <see cref="ChannelLocationRule"/> needs.
/// </summary>
/// <param name="registrations">The registered channels.</param>
/// <param name="services">
/// Tells whether the host registered an <see cref="IWarehouseInventory"/>: without one the inventory flow never runs, so
/// no location mapping is required. <see langword="null"/> (tests) counts as registered.
/// </param>
internal sealed class InventorySyncOptionsValidator(IEnumerable<ChannelRegistration> registrations, IServiceProviderIsService? services = null) : IValidateOptions<ConnectorsOptions>
{
    private const string Prefix = "Connectors:Inventory";

    public ValidateOptionsResult Validate(string? name, ConnectorsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var inventory = options.Inventory;
        if (inventory is null)
        {
            return ValidateOptionsResult.Fail($"{Prefix} must not be null.");
        }

        var failures = new List<string>();
        NotNegative(failures, $"{Prefix}:SafetyStock", inventory.SafetyStock);
        Percent(failures, $"{Prefix}:SafetyStockPercent", inventory.SafetyStockPercent);
        foreach (var (sku, units) in inventory.SafetyStockBySku)
        {
            NotNegative(failures, $"{Prefix}:SafetyStockBySku:{sku}", units);
        }

        ConnectorsOptionsValidator.CheckRange(failures, $"{Prefix}:ItemCacheDuration", inventory.ItemCacheDuration, TimeSpan.Zero, TimeSpan.FromDays(1));
        ConnectorsOptionsValidator.CheckRange(failures, $"{Prefix}:ReservationTimeToLive", inventory.ReservationTimeToLive, TimeSpan.FromMinutes(1), TimeSpan.FromDays(90));
        var names = registrations.Select(r => r.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var (channel, settings) in inventory.Channels)
        {
            var path = $"{Prefix}:Channels:{channel}";
            if (settings is null)
            {
                failures.Add($"{path} must not be null.");
                continue;
            }

            if (!names.Contains(channel))
            {
                var known = names.Count == 0 ? "none are registered" : "registered: " + string.Join(", ", names);
                failures.Add($"{path} names no registered channel ({known}).");
            }

            if (!Enum.IsDefined(settings.AllocationMode))
            {
                failures.Add($"{path}:AllocationMode is {settings.AllocationMode} but must be Share or Priority.");
            }

            Percent(failures, $"{path}:SharePercent", settings.SharePercent);
            NotNegative(failures, $"{path}:SafetyStock", settings.SafetyStock);
            if (settings.SafetyStockPercent is { } percent)
            {
                Percent(failures, $"{path}:SafetyStockPercent", percent);
            }

            if (settings.MaxQuantity is { } cap)
            {
                NotNegative(failures, $"{path}:MaxQuantity", cap);
            }

            if (settings.LowStockThreshold < 0)
            {
                failures.Add($"{path}:LowStockThreshold is {settings.LowStockThreshold} but must not be negative.");
            }

            if (!Enum.IsDefined(settings.QuotaOrder))
            {
                failures.Add($"{path}:QuotaOrder is {settings.QuotaOrder} but must be RiskFirst or FirstInFirstOut.");
            }

            try
            {
                settings.Quota?.Validate($"{path}:Quota");
            }
            catch (ConnectorValidationException ex)
            {
                failures.Add(ex.Message);
            }

            for (var i = 0; i < settings.Locations.Count; i++)
            {
                var mapping = settings.Locations[i];
                var at = $"{path}:Locations:{i}";
                if (mapping is null)
                {
                    failures.Add($"{at} must not be null.");
                    continue;
                }

                if (string.IsNullOrWhiteSpace(mapping.WarehouseLocation))
                {
                    failures.Add($"{at}:WarehouseLocation is required (the WMS location id).");
                }

                if (string.IsNullOrWhiteSpace(mapping.ChannelLocation))
                {
                    failures.Add($"{at}:ChannelLocation is required (the channel location id).");
                }

                Percent(failures, $"{at}:Percent", mapping.Percent);
            }
        }

        CheckLocationRules(failures, inventory);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>
    /// A channel whose location ids are in a platform format (Shopify's Location GIDs) would be sent the WMS location
    /// ids as they are, and reject every level at run time; a mapping to its own ids is required, and checked here.
    /// </summary>
    private void CheckLocationRules(List<string> failures, InventorySyncOptions inventory)
    {
        if (services is not null && !services.IsService(typeof(IWarehouseInventory)))
        {
            return;
        }

        foreach (var registration in registrations)
        {
            if (registration.LocationRule is not { } rule)
            {
                continue;
            }

            var path = $"{Prefix}:Channels:{registration.Name}:Locations";
            if (!inventory.Channels.TryGetValue(registration.Name, out var settings) || settings is null || settings.Locations.Count == 0)
            {
                failures.Add(
                    $"{path} is not set, but channel '{registration.Name}' ({registration.Platform}) names its stock locations by {rule.Description}, "
                    + $"so the WMS location ids cannot be used as they are: map each WMS location, for example {path}:0:WarehouseLocation = WH1 "
                    + $"and {path}:0:ChannelLocation = the channel's location id.");
                continue;
            }

            for (var i = 0; i < settings.Locations.Count; i++)
            {
                if (settings.Locations[i] is { ChannelLocation: { Length: > 0 } location } && !rule.IsValid(location))
                {
                    failures.Add($"{path}:{i}:ChannelLocation is '{location}', but channel '{registration.Name}' ({registration.Platform}) needs {rule.Description}.");
                }
            }
        }
    }

    private static void NotNegative(List<string> failures, string setting, decimal value)
    {
        if (value < 0m)
        {
            failures.Add($"{setting} is {value} but must not be negative.");
        }
    }

    private static void Percent(List<string> failures, string setting, decimal value)
    {
        if (value is < 0m or > 100m)
        {
            failures.Add($"{setting} is {value} but must be between 0 and 100.");
        }
    }
}
