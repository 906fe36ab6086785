using System.Net.Http.Json;
using Connectors.Shopify.Internal.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectors.Shopify.Internal;

/// <summary>
/// Reads the access token per request from <see cref="IOptionsMonitor{TOptions}"/> (so a rotated token applies without
/// restart), or obtains one with the OAuth client-credentials grant and caches it until shortly before it expires.
/// </summary>
internal sealed class AccessTokenProvider : IDisposable
{
    private readonly string _channel;
    private readonly IOptionsMonitor<ShopifyOptions> _options;
    private readonly IHttpClientFactory _httpClientFactory;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _grantedToken;
    private string? _grantedFor;
    private DateTimeOffset _grantedUntil;

    public AccessTokenProvider(string channel, IOptionsMonitor<ShopifyOptions> options, IHttpClientFactory httpClientFactory, TimeProvider time, ILogger logger)
    {
        _channel = channel;
        _options = options;
        _httpClientFactory = httpClientFactory;
        _time = time;
        _logger = logger;
    }

    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        var options = _options.Get(_channel);
        if (!string.IsNullOrEmpty(options.AccessToken))
        {
            return options.AccessToken;
        }

        var clientKey = options.ClientId + "\n" + options.ClientSecret;
        if (_grantedToken is { } cached && _grantedFor == clientKey && _time.GetUtcNow() < _grantedUntil)
        {
            return cached;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_grantedToken is { } again && _grantedFor == clientKey && _time.GetUtcNow() < _grantedUntil)
            {
                return again;
            }

            var client = _httpClientFactory.CreateClient(ShopifyGraphClient.HttpClientName(_channel));
            using var content = new FormUrlEncodedContent(
            [
                new("grant_type", "client_credentials"),
                new("client_id", options.ClientId ?? string.Empty),
                new("client_secret", options.ClientSecret ?? string.Empty),
            ]);
            using var response = await client.PostAsync(new Uri(ShopifyGraphClient.BaseUri(options), "admin/oauth/access_token"), content, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new ConnectorAuthenticationException(
                    ShopifyChannelDefaults.Platform,
                    $"The client-credentials grant for channel '{_channel}' was refused.",
                    (int)response.StatusCode);
            }

            var token = await response.Content.ReadFromJsonAsync(ShopifyJsonContext.Default.TokenResponse, cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrEmpty(token?.AccessToken))
            {
                throw new ConnectorAuthenticationException(ShopifyChannelDefaults.Platform, $"The client-credentials grant for channel '{_channel}' returned no access_token.", 200);
            }

            var lifetime = TimeSpan.FromSeconds(Math.Max(60, token.ExpiresIn ?? 3600));
            _grantedToken = token.AccessToken;
            _grantedFor = clientKey;
            _grantedUntil = _time.GetUtcNow() + lifetime - TimeSpan.FromSeconds(30);
            Log.TokenObtained(_logger, _channel);
            return token.AccessToken;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Invalidate() => _grantedToken = null;

    public void Dispose() => _gate.Dispose();
}
