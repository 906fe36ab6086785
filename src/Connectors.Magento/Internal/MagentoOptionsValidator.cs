using Microsoft.Extensions.Options;

namespace Connectors.Magento.Internal;

/// <summary>Cross-field rules of <see cref="MagentoOptions"/>, with messages naming the setting, its value and what is valid.</summary>
internal sealed class MagentoOptionsValidator : IValidateOptions<MagentoOptions>
{
    public ValidateOptionsResult Validate(string? name, MagentoOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var prefix = $"Magento:{name}:";
        var failures = new List<string>();
        if (options.BaseUrl is { } url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            failures.Add($"{prefix}BaseUrl is '{url}' but must be an absolute http or https URL such as https://shop.example/.");
        }

        switch (MagentoAuthHandler.EffectiveMode(options))
        {
            case MagentoAuthMode.OAuth1:
                foreach (var (setting, value) in new[] { ("ConsumerKey", options.ConsumerKey), ("ConsumerSecret", options.ConsumerSecret), ("AccessToken", options.AccessToken), ("AccessTokenSecret", options.AccessTokenSecret) })
                {
                    if (string.IsNullOrEmpty(value))
                    {
                        failures.Add($"{prefix}{setting} is empty but OAuth 1.0a (AuthMode {options.AuthMode}) needs the integration's consumer key and secret and access token and secret.");
                    }
                }

                break;
            case MagentoAuthMode.BearerToken when string.IsNullOrEmpty(options.AccessToken):
                failures.Add($"{prefix}AccessToken is empty: set the integration's credentials (ConsumerKey, ConsumerSecret, AccessToken, AccessTokenSecret), an AccessToken for bearer use, or Username and Password for an admin user.");
                break;
            case MagentoAuthMode.AdminUser:
                if (string.IsNullOrEmpty(options.Username) || string.IsNullOrEmpty(options.Password))
                {
                    failures.Add($"{prefix}Username and Password must both be set for AuthMode AdminUser.");
                }

                if (options.AdminTokenLifetime < TimeSpan.FromMinutes(1))
                {
                    failures.Add($"{prefix}AdminTokenLifetime is {options.AdminTokenLifetime} but must be at least 00:01:00 (Magento's default is 04:00:00).");
                }
                else if (options.AdminTokenRenewBefore < TimeSpan.Zero || options.AdminTokenRenewBefore >= options.AdminTokenLifetime)
                {
                    failures.Add($"{prefix}AdminTokenRenewBefore is {options.AdminTokenRenewBefore} but must be at least zero and shorter than AdminTokenLifetime ({options.AdminTokenLifetime}).");
                }

                break;
        }

        foreach (var (location, source) in options.SourceCodes)
        {
            if (string.IsNullOrWhiteSpace(source) || source.Contains(',', StringComparison.Ordinal))
            {
                failures.Add($"{prefix}SourceCodes['{location}'] is '{source}' but must be a Magento source code (not empty, no comma).");
            }
        }

        if (options.ReservationSourceCode is { } reservation && reservation != options.DefaultSourceCode && !options.SourceCodes.Values.Contains(reservation, StringComparer.Ordinal))
        {
            failures.Add($"{prefix}ReservationSourceCode is '{reservation}' but no location maps to it; use DefaultSourceCode ('{options.DefaultSourceCode}') or one of SourceCodes' values.");
        }

        if (options.OrderPollOverlap < TimeSpan.Zero || options.OrderPollOverlap > TimeSpan.FromDays(1))
        {
            failures.Add($"{prefix}OrderPollOverlap is {options.OrderPollOverlap} but must be between 00:00:00 and 1.00:00:00.");
        }

        if (options.AttemptTimeout < TimeSpan.FromSeconds(1) || options.AttemptTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{prefix}AttemptTimeout is {options.AttemptTimeout} but must be between 00:00:01 and 00:10:00.");
        }

        if (options.InventoryApi == MagentoInventoryApi.AsyncBulkSourceItems
            && (options.BulkStatusPollInterval <= TimeSpan.Zero || options.BulkStatusTimeout < options.BulkStatusPollInterval))
        {
            failures.Add($"{prefix}BulkStatusPollInterval is {options.BulkStatusPollInterval} and BulkStatusTimeout {options.BulkStatusTimeout}, but the interval must be positive and the timeout at least one interval.");
        }

        if (options.Currency is { } currency && (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper)))
        {
            failures.Add($"{prefix}Currency is '{currency}' but must be a three-letter upper-case ISO 4217 code (the store's base currency), or unset to read it from the store.");
        }

        if (options.TimeZone is { } zone && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            failures.Add($"{prefix}TimeZone is '{zone}' but no such time zone is known here; use an IANA id such as Europe/Amsterdam (Magento's general/locale/timezone), or unset it to read it from the store.");
        }

        if (!Enum.IsDefined(options.InventoryApi))
        {
            failures.Add($"{prefix}InventoryApi is {options.InventoryApi} but must be SourceItems, AsyncBulkSourceItems or LegacyStockItems.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
