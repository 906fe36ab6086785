using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Connectors.Warehouse.SapEwm.Internal.Dto;
using Microsoft.Extensions.Options;

namespace Connectors.Warehouse.SapEwm.Internal.OData;

/// <summary>
/// OAuth 2.0 client credentials (RFC 6749 section 4.4): posts <c>grant_type=client_credentials</c> with the client id
/// and secret as HTTP Basic to the token endpoint and caches the access token until one minute before
/// <c>expires_in</c> runs out. One request at a time refreshes it.
/// </summary>
internal sealed class OAuthTokenSource(IHttpClientFactory factory, IOptionsMonitor<SapEwmOptions> options, TimeProvider time) : IDisposable
{
    public const string HttpClientName = "Connectors.Warehouse.SapEwm:token";
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;
    private long _expiresTicks;

    public async ValueTask<string> GetAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _token) is { } cached && time.GetUtcNow().UtcTicks < Volatile.Read(ref _expiresTicks))
        {
            return cached;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_token is { } again && time.GetUtcNow().UtcTicks < Volatile.Read(ref _expiresTicks))
            {
                return again;
            }

            var o = options.CurrentValue;
            using var request = new HttpRequestMessage(HttpMethod.Post, o.TokenEndpoint);
            var form = new List<KeyValuePair<string, string>> { new("grant_type", "client_credentials") };
            if (o.Scope is { Length: > 0 } scope)
            {
                form.Add(new("scope", scope));
            }

            request.Content = new FormUrlEncodedContent(form);
            request.Headers.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(o.ClientId ?? string.Empty)}:{Uri.EscapeDataString(o.ClientSecret ?? string.Empty)}")));
            request.Headers.Accept.ParseAdd("application/json");
            HttpResponseMessage response;
            try
            {
                response = await factory.CreateClient(HttpClientName).SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                throw new ConnectorRequestFailedException(SapEwmWarehouse.PlatformName, $"OAuth token request to {o.TokenEndpoint?.GetLeftPart(UriPartial.Path)} failed: {ex.Message}", isTransient: true, innerException: ex);
            }

            using (response)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    var status = (int)response.StatusCode;
                    if (status is 400 or 401)
                    {
                        // RFC 6749 5.2: invalid_client / unauthorized_client. The body may echo the client id, never the secret.
                        throw new ConnectorAuthenticationException(SapEwmWarehouse.PlatformName, $"the token endpoint refused the client credentials of client '{o.ClientId}'", status, responseBody: body);
                    }

                    throw new ConnectorRequestFailedException(SapEwmWarehouse.PlatformName, "the OAuth token endpoint failed", status, responseBody: body);
                }

                OAuthTokenResponse? parsed;
                try
                {
                    parsed = JsonSerializer.Deserialize(body, SapJsonContext.Default.OAuthTokenResponse);
                }
                catch (JsonException ex)
                {
                    throw new ConnectorRequestFailedException(SapEwmWarehouse.PlatformName, $"the OAuth token endpoint answered JSON this adapter cannot read ({ex.Message})", (int)response.StatusCode, "invalid_json", isTransient: false, innerException: ex);
                }

                if (parsed?.AccessToken is not { Length: > 0 } token)
                {
                    throw new ConnectorRequestFailedException(SapEwmWarehouse.PlatformName, "the OAuth token endpoint answered without access_token", (int)response.StatusCode, "invalid_token_response", isTransient: false);
                }

                var lifetime = TimeSpan.FromSeconds(parsed.ExpiresIn is > 0 ? parsed.ExpiresIn.Value : 300);
                // The expiry is written before the token, so a reader that sees the new token sees its expiry too.
                Volatile.Write(ref _expiresTicks, (time.GetUtcNow() + (lifetime > Margin * 2 ? lifetime - Margin : lifetime / 2)).UtcTicks);
                Volatile.Write(ref _token, token);
                return token;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Invalidate(string token) => Interlocked.CompareExchange(ref _token, null, token);

    public void Dispose() => _gate.Dispose();
}
