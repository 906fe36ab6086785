using Microsoft.Extensions.Options;

namespace Connectors.WooCommerce.Internal;

/// <summary>Cross-field rules of <see cref="WooCommerceOptions"/>, with messages naming the setting, its value and what is valid.</summary>
internal sealed class WooCommerceOptionsValidator : IValidateOptions<WooCommerceOptions>
{
    public ValidateOptionsResult Validate(string? name, WooCommerceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var prefix = Prefix(name);
        var failures = new List<string>();
        if (options.BaseUrl is { } url)
        {
            if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                failures.Add($"{prefix}BaseUrl is '{url}' but must be an absolute http or https URL such as https://shop.example/wp-json/wc/v3/.");
            }
            else if (url.Scheme == Uri.UriSchemeHttp && options.AuthMode == WooCommerceAuthMode.Basic && !options.AllowBasicAuthOverHttp)
            {
                failures.Add(
                    $"{prefix}AuthMode is Basic but BaseUrl '{url.GetLeftPart(UriPartial.Authority)}' is plain HTTP: the consumer secret would travel in clear text. " +
                    "Use an https BaseUrl, set AuthMode to Automatic or OAuth1 (WooCommerce signs plain-HTTP requests with OAuth 1.0a), or set AllowBasicAuthOverHttp to true.");
            }
        }

        if (options.HomeUrl is { } home && (!home.IsAbsoluteUri || (home.Scheme != Uri.UriSchemeHttp && home.Scheme != Uri.UriSchemeHttps)))
        {
            failures.Add($"{prefix}HomeUrl is '{home}' but must be an absolute http or https URL.");
        }

        if (options.ConsumerKey is { Length: > 0 } key && !key.StartsWith("ck_", StringComparison.Ordinal))
        {
            failures.Add($"{prefix}ConsumerKey must start with 'ck_' (WooCommerce keys do); check that key and secret are not swapped.");
        }

        if (options.AttemptTimeout < TimeSpan.FromSeconds(1) || options.AttemptTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{prefix}AttemptTimeout is {options.AttemptTimeout} but must be between 00:00:01 and 00:10:00.");
        }

        if (options.Currency is { } currency && (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper)))
        {
            failures.Add($"{prefix}Currency is '{currency}' but must be a three-letter ISO 4217 code in capitals (the shop's woocommerce_currency, for example EUR), or unset to read it from the shop.");
        }

        if (options.AcknowledgementStatus is { } status && status is not ("pending" or "processing" or "on-hold" or "completed"))
        {
            failures.Add($"{prefix}AcknowledgementStatus is '{status}' but must be null or one of pending, processing, on-hold, completed.");
        }

        if (options.TrustedCertificatePath is { Length: > 0 } certificate)
        {
            try
            {
                using var loaded = TrustedCertificate.Load(certificate);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or ArgumentException)
            {
                failures.Add($"{prefix}TrustedCertificatePath is '{certificate}' but {ex.Message.TrimEnd('.')}; it must be a readable PEM or DER certificate file.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>How every message names a setting, as Shopify's do: <c>WooCommerce channel 'shop-b': BaseUrl …</c>.</summary>
    internal static string Prefix(string? name) => $"WooCommerce channel '{name}': ";
}
