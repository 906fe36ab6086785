using Microsoft.Extensions.Options;

namespace Connectors.Hosting.Internal;

/// <summary>Range checks of <see cref="ConnectorsHostingOptions"/>, with messages naming the setting and the valid range.</summary>
internal sealed class ConnectorsHostingOptionsValidator : IValidateOptions<ConnectorsHostingOptions>
{
    public ValidateOptionsResult Validate(string? name, ConnectorsHostingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Check(failures, "IdleDelay", options.IdleDelay, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(10));
        Check(failures, "InventoryPushDelay", options.InventoryPushDelay, TimeSpan.Zero, TimeSpan.FromMinutes(1));
        Check(failures, "OrderPollInterval", options.OrderPollInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromDays(1));
        if (options.ReconciliationInterval is { } reconcile)
        {
            Check(failures, "ReconciliationInterval", reconcile, TimeSpan.FromMinutes(1), TimeSpan.FromDays(7));
        }

        if (options.PriceRepriceInterval is { } reprice)
        {
            Check(failures, "PriceRepriceInterval", reprice, TimeSpan.FromMinutes(1), TimeSpan.FromDays(7));
        }

        Check(failures, "ChannelPassTimeout", options.ChannelPassTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        if (options.MaxChannelsInParallel is < 1 or > 64)
        {
            failures.Add($"Connectors:Hosting:MaxChannelsInParallel is {options.MaxChannelsInParallel} but must be between 1 and 64.");
        }

        Check(failures, "PruneInterval", options.PruneInterval, TimeSpan.FromMinutes(1), TimeSpan.FromDays(7));
        if (options.MaxWebhookBodyBytes is < 1024 or > 64 * 1024 * 1024)
        {
            failures.Add($"Connectors:Hosting:MaxWebhookBodyBytes is {options.MaxWebhookBodyBytes} but must be between 1024 and {64 * 1024 * 1024}.");
        }

        if (options.DeadLetterDegradedThreshold is < 1 or > 1_000_000)
        {
            failures.Add($"Connectors:Hosting:DeadLetterDegradedThreshold is {options.DeadLetterDegradedThreshold} but must be between 1 and 1000000.");
        }

        var reports = options.ListingReports;
        if (reports is not null)
        {
            Check(failures, "ListingReports:Interval", reports.Interval, TimeSpan.FromMinutes(1), TimeSpan.FromDays(30));
            if (reports.ExportDirectory is { } folder && (string.IsNullOrWhiteSpace(folder) || folder.IndexOfAny(Path.GetInvalidPathChars()) >= 0))
            {
                failures.Add($"Connectors:Hosting:ListingReports:ExportDirectory is '{folder}' but must be a folder path (or unset to write no CSV file).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, string setting, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            failures.Add($"Connectors:Hosting:{setting} is {value} but must be between {min} and {max}.");
        }
    }
}
