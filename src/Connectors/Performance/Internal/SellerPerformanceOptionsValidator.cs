using System.Globalization;
using Connectors.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connectors.Performance.Internal;

/// <summary>The rules of <see cref="SellerPerformanceOptions"/>, each failure naming the setting.</summary>
internal sealed class SellerPerformanceOptionsValidator : IValidateOptions<SellerPerformanceOptions>
{
    private const string Root = "Connectors:SellerPerformance";

    public ValidateOptionsResult Validate(string? name, SellerPerformanceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        ConnectorsOptionsValidator.CheckRange(failures, $"{Root}:AtRiskLead", options.AtRiskLead, TimeSpan.Zero, TimeSpan.FromDays(30));
        ConnectorsOptionsValidator.CheckRange(failures, $"{Root}:Retention", options.Retention, TimeSpan.FromDays(31), TimeSpan.FromDays(3650));
        Check(failures, $"{Root}:Thresholds", options.Thresholds);
        foreach (var (channel, thresholds) in options.Channels)
        {
            Check(failures, $"{Root}:Channels:{channel}", thresholds);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, string at, SellerPerformanceThresholds? thresholds)
    {
        if (thresholds is null)
        {
            failures.Add($"{at} is empty.");
            return;
        }

        Rate(failures, $"{at}:MaxLateShipmentRate", thresholds.MaxLateShipmentRate);
        Rate(failures, $"{at}:MaxCancellationRate", thresholds.MaxCancellationRate);
        Rate(failures, $"{at}:MinValidTrackingRate", thresholds.MinValidTrackingRate);
        if (thresholds.MinimumSample < 1)
        {
            failures.Add($"{at}:MinimumSample is {thresholds.MinimumSample.ToString(CultureInfo.InvariantCulture)} but must be 1 or more.");
        }
    }

    private static void Rate(List<string> failures, string at, double value)
    {
        if (double.IsNaN(value) || value < 0 || value > 1)
        {
            failures.Add($"{at} is {value.ToString(CultureInfo.InvariantCulture)} but must be a fraction from 0 to 1 (0.04 for 4 %).");
        }
    }
}
