using Microsoft.Extensions.Options;

namespace Connectors.Shopify.Internal;

/// <summary>Cross-field rules of <see cref="ShopifyOptions"/> (for named channels only).</summary>
internal sealed class ShopifyOptionsValidator : IValidateOptions<ShopifyOptions>
{
    public ValidateOptionsResult Validate(string? name, ShopifyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var prefix = $"Shopify channel '{name}': ";
        var failures = new List<string>();
        if (!ShopifyApiVersions.Supported.Contains(options.ApiVersion))
        {
            failures.Add($"{prefix}ApiVersion is '{options.ApiVersion}'; supported versions are {string.Join(", ", ShopifyApiVersions.Supported)}.");
        }

        if (options.BaseAddress is null)
        {
            if (string.IsNullOrWhiteSpace(options.ShopDomain))
            {
                failures.Add($"{prefix}ShopDomain is required (for example 'store-a.myshopify.com') unless BaseAddress is set.");
            }
            else if (!Uri.CheckHostName(options.ShopDomain).Equals(UriHostNameType.Dns) || options.ShopDomain.Contains('/', StringComparison.Ordinal))
            {
                failures.Add($"{prefix}ShopDomain '{options.ShopDomain}' must be a host name such as 'store-a.myshopify.com', without scheme or path.");
            }
        }
        else if (!options.BaseAddress.IsAbsoluteUri || options.BaseAddress.Scheme is not ("http" or "https"))
        {
            failures.Add($"{prefix}BaseAddress must be an absolute http or https URL.");
        }

        if (string.IsNullOrEmpty(options.AccessToken) && (string.IsNullOrEmpty(options.ClientId) || string.IsNullOrEmpty(options.ClientSecret)))
        {
            failures.Add($"{prefix}set AccessToken, or ClientId and ClientSecret for the client-credentials grant.");
        }

        if (options.ThrottleWaitBudget < TimeSpan.Zero || options.ThrottleWaitBudget > TimeSpan.FromHours(1))
        {
            failures.Add($"{prefix}ThrottleWaitBudget is {options.ThrottleWaitBudget}; it must be from 00:00:00 to 01:00:00.");
        }

        if (options.DefaultLocationId is { } location && !location.StartsWith("gid://shopify/Location/", StringComparison.Ordinal) && !location.All(char.IsAsciiDigit))
        {
            failures.Add($"{prefix}DefaultLocationId '{location}' must be a Location GID (gid://shopify/Location/123) or a numeric id.");
        }

        if (options.FulfillmentServiceMode && string.IsNullOrWhiteSpace(options.FulfillmentServiceName) && string.IsNullOrWhiteSpace(options.FulfillmentServiceLocationId))
        {
            failures.Add($"{prefix}FulfillmentServiceMode needs FulfillmentServiceName (the service to find or create) or FulfillmentServiceLocationId.");
        }

        if (options.FulfillmentServiceLocationId is { } serviceLocation && !serviceLocation.StartsWith("gid://shopify/Location/", StringComparison.Ordinal) && !serviceLocation.All(char.IsAsciiDigit))
        {
            failures.Add($"{prefix}FulfillmentServiceLocationId '{serviceLocation}' must be a Location GID (gid://shopify/Location/123) or a numeric id.");
        }

        if (options.FulfillmentServiceCallbackUrl is { } callback && (!callback.IsAbsoluteUri || callback.Scheme != "https"))
        {
            failures.Add($"{prefix}FulfillmentServiceCallbackUrl must be an absolute https URL.");
        }

        if (options.BulkPollInterval < TimeSpan.FromMilliseconds(1) || options.BulkPollInterval > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{prefix}BulkPollInterval is {options.BulkPollInterval}; it must be from 00:00:00.001 to 00:01:00.");
        }

        if (options.BulkMaxPollInterval < options.BulkPollInterval || options.BulkMaxPollInterval > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{prefix}BulkMaxPollInterval is {options.BulkMaxPollInterval}; it must be at least BulkPollInterval ({options.BulkPollInterval}) and at most 00:10:00.");
        }

        if (options.BulkOperationTimeout < TimeSpan.FromSeconds(1) || options.BulkOperationTimeout > TimeSpan.FromDays(10))
        {
            failures.Add($"{prefix}BulkOperationTimeout is {options.BulkOperationTimeout}; it must be from 00:00:01 to 10.00:00:00.");
        }

        if (!Enum.IsDefined(options.BulkRead))
        {
            failures.Add($"{prefix}BulkRead is {(int)options.BulkRead}; it must be Auto, Never or Always.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
