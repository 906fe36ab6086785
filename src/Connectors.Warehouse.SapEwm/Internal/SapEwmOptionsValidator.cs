using Connectors.Warehouse.SapEwm.Internal.OData;
using Microsoft.Extensions.Options;

namespace Connectors.Warehouse.SapEwm.Internal;

/// <summary>Cross-field rules of <see cref="SapEwmOptions"/>, with messages naming the setting, its value and what is valid.</summary>
internal sealed class SapEwmOptionsValidator(SapClientCertificates certificates) : IValidateOptions<SapEwmOptions>
{
    public ValidateOptionsResult Validate(string? name, SapEwmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string prefix = "SapEwm:";
        var failures = new List<string>();
        if (options.Host is { } host)
        {
            if (!host.IsAbsoluteUri || (host.Scheme != Uri.UriSchemeHttps && host.Scheme != Uri.UriSchemeHttp))
            {
                failures.Add($"{prefix}Host is '{host}' but must be an absolute https URL such as https://my-s4.example.com.");
            }
            else if (host.Scheme == Uri.UriSchemeHttp && !options.AllowInsecureHttp)
            {
                failures.Add($"{prefix}Host is '{host.GetLeftPart(UriPartial.Authority)}' (plain HTTP): credentials and orders would travel in clear text. Use https, or set AllowInsecureHttp for a test system.");
            }
        }

        if (options.SapClient is { } client && (client.Length != 3 || !client.All(char.IsAsciiDigit)))
        {
            failures.Add($"{prefix}SapClient is '{client}' but must be three digits (for example 100), or unset for the system's default client.");
        }

        switch (options.Authentication)
        {
            case SapAuthenticationMode.Basic:
                if (string.IsNullOrEmpty(options.UserName) || string.IsNullOrEmpty(options.Password))
                {
                    failures.Add($"{prefix}Authentication is Basic, so UserName and Password (of the communication user) are required.");
                }

                break;
            case SapAuthenticationMode.OAuthClientCredentials:
                if (options.TokenEndpoint is not { IsAbsoluteUri: true } endpoint || (endpoint.Scheme != Uri.UriSchemeHttps && !(options.AllowInsecureHttp && endpoint.Scheme == Uri.UriSchemeHttp)))
                {
                    failures.Add($"{prefix}Authentication is OAuthClientCredentials, so TokenEndpoint must be an absolute https URL (was '{options.TokenEndpoint}').");
                }

                if (string.IsNullOrEmpty(options.ClientId) || string.IsNullOrEmpty(options.ClientSecret))
                {
                    failures.Add($"{prefix}Authentication is OAuthClientCredentials, so ClientId and ClientSecret are required.");
                }

                break;
            case SapAuthenticationMode.ClientCertificate:
                certificates.Validate(options, prefix, failures);
                break;
            default:
                failures.Add($"{prefix}Authentication is '{options.Authentication}' but must be Basic, OAuthClientCredentials or ClientCertificate.");
                break;
        }

        if (options.Warehouses.Count == 0)
        {
            failures.Add($"{prefix}Warehouses is empty but must list at least one EWM warehouse number (for example 1710).");
        }

        for (var i = 0; i < options.Warehouses.Count; i++)
        {
            if (options.Warehouses[i] is not { Length: >= 1 and <= 4 })
            {
                failures.Add($"{prefix}Warehouses[{i}] is '{options.Warehouses[i]}' but an EWM warehouse number has 1 to 4 characters.");
            }
        }

        if (options.Warehouses.Distinct(StringComparer.Ordinal).Count() != options.Warehouses.Count)
        {
            failures.Add($"{prefix}Warehouses lists a warehouse twice ({string.Join(", ", options.Warehouses)}).");
        }

        for (var i = 0; i < options.AvailableStockTypes.Count; i++)
        {
            if (options.AvailableStockTypes[i] is not { Length: >= 1 and <= 2 })
            {
                failures.Add($"{prefix}AvailableStockTypes[{i}] is '{options.AvailableStockTypes[i]}' but an EWM stock type has 1 or 2 characters (F1, F2, Q1, B1…).");
            }
        }

        if (options.SkuIncludesBatch && string.IsNullOrEmpty(options.BatchSeparator))
        {
            failures.Add($"{prefix}SkuIncludesBatch is set, so BatchSeparator must not be empty.");
        }

        if (options.ShipToPartnerFunction is not { Length: 2 })
        {
            failures.Add($"{prefix}ShipToPartnerFunction is '{options.ShipToPartnerFunction}' but a partner function code has 2 characters (SH, or WE where the internal code is expected).");
        }

        if (options.RejectionReason is { } rejection && rejection.Length is 0 or > 2)
        {
            failures.Add($"{prefix}RejectionReason is '{rejection}' but a reason for rejection has 1 or 2 characters.");
        }

        CheckLength(failures, prefix + "SalesOrderType", options.SalesOrderType, 4);
        CheckLength(failures, prefix + "SalesOrganization", options.SalesOrganization, 4);
        CheckLength(failures, prefix + "DistributionChannel", options.DistributionChannel, 2);
        CheckLength(failures, prefix + "OrganizationDivision", options.OrganizationDivision, 2);
        CheckLength(failures, prefix + "SoldToParty", options.SoldToParty, 10);
        CheckLength(failures, prefix + "ShipToParty", options.ShipToParty, 10);
        CheckLength(failures, prefix + "QuantityUnit", options.QuantityUnit, 3);
        CheckLength(failures, prefix + "CustomerReturnType", options.CustomerReturnType, 4);
        CheckLength(failures, prefix + "ReturnReason", options.ReturnReason, 3);

        foreach (var (setting, path) in new[]
        {
            (nameof(options.AvailableStockServicePath), options.AvailableStockServicePath),
            (nameof(options.OutboundDeliveryOrderServicePath), options.OutboundDeliveryOrderServicePath),
            (nameof(options.SalesOrderServicePath), options.SalesOrderServicePath),
            (nameof(options.CustomerReturnServicePath), options.CustomerReturnServicePath),
            (nameof(options.ReturnsInspectionServicePath), options.ReturnsInspectionServicePath),
            (nameof(options.WarehouseOrderTaskServicePath), options.WarehouseOrderTaskServicePath),
            (nameof(options.HandlingUnitServicePath), options.HandlingUnitServicePath),
        })
        {
            if (path is { Length: > 0 } && !path.StartsWith('/'))
            {
                failures.Add($"{prefix}{setting} is '{path}' but must be an absolute path starting with '/'.");
            }
        }

        if (options.AttemptTimeout < TimeSpan.FromSeconds(1) || options.AttemptTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{prefix}AttemptTimeout is {options.AttemptTimeout} but must be between 00:00:01 and 00:10:00.");
        }

        if (options.InitialShipmentLookback < TimeSpan.Zero || options.InitialShipmentLookback > TimeSpan.FromDays(90))
        {
            failures.Add($"{prefix}InitialShipmentLookback is {options.InitialShipmentLookback} but must be between 00:00:00 and 90 days.");
        }

        if (options.PollInterval < TimeSpan.FromMilliseconds(100) || options.PollInterval > TimeSpan.FromDays(1))
        {
            failures.Add($"{prefix}PollInterval is {options.PollInterval} but must be between 00:00:00.1 and one day.");
        }

        if (options.StockDeltaInterval is { } stockInterval && (stockInterval < TimeSpan.FromMilliseconds(100) || stockInterval > TimeSpan.FromDays(1)))
        {
            failures.Add($"{prefix}StockDeltaInterval is {stockInterval} but must be between 00:00:00.1 and one day, or unset to turn stock deltas off.");
        }

        if (options.TrackingSource == SapTrackingSource.HandlingUnitAlternativeId && options.TrackingAlternativeIdType is not { Length: 1 })
        {
            failures.Add($"{prefix}TrackingSource is HandlingUnitAlternativeId, so TrackingAlternativeIdType must be the one-character alternative id type that holds the tracking number (was '{options.TrackingAlternativeIdType}').");
        }

        if (options.TrackingSource == SapTrackingSource.HandlingUnitAlternativeId && !options.SplitShipmentsByHandlingUnit)
        {
            failures.Add($"{prefix}TrackingSource is HandlingUnitAlternativeId, which reads the handling units of each delivery; SplitShipmentsByHandlingUnit must be true with it.");
        }

        if (!Enum.IsDefined(options.TrackingSource))
        {
            failures.Add($"{prefix}TrackingSource is '{options.TrackingSource}' but must be TransportPartnerReference, MasterBillOfLading, HostCallback or HandlingUnitAlternativeId.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckLength(List<string> failures, string setting, string? value, int max)
    {
        if (value is { Length: var length } && length > max)
        {
            failures.Add($"{setting} is '{value}' ({length} characters) but SAP's field holds {max}.");
        }
    }
}
