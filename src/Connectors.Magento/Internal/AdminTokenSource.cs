using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Connectors.Magento.Internal.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectors.Magento.Internal;

/// <summary>
/// The admin-user token of one channel: obtained at <c>POST /V1/integration/admin/token</c>, kept until
/// <see cref="MagentoOptions.AdminTokenRenewBefore"/> before its lifetime ends, renewed when the user name or password
/// changes (read per request) and when a request is refused with the token in hand.
/// </summary>
internal sealed class AdminTokenSource(
    IHttpClientFactory factory, IOptionsMonitor<MagentoOptions> monitor, string channel, TimeProvider time, MagentoMetrics metrics, ILogger logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Entry? _current;

    public static string HttpClientName(string channel) => "Connectors.Magento.Token:" + channel;

    /// <summary>Returns a token valid for a while yet, fetching one when there is none, it is near its end, or the credentials changed.</summary>
    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        var options = monitor.Get(channel);
        var fingerprint = Fingerprint(options);
        var entry = Volatile.Read(ref _current);
        if (IsFresh(entry, options, fingerprint))
        {
            return entry!.Token;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            entry = _current;
            if (IsFresh(entry, options, fingerprint))
            {
                return entry!.Token;
            }

            var token = await FetchAsync(options, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _current, new Entry(token, time.GetUtcNow(), fingerprint));
            metrics.TokenRenewals.Add(1, MagentoMetrics.Tags(channel));
            Log.AdminTokenObtained(logger, channel, options.AdminTokenLifetime);
            return token;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>Forgets <paramref name="token"/> if it is still the current one (a 401 answered a request that carried it).</summary>
    public void Invalidate(string token)
    {
        var entry = Volatile.Read(ref _current);
        if (entry is not null && string.Equals(entry.Token, token, StringComparison.Ordinal))
        {
            Interlocked.CompareExchange(ref _current, null, entry);
        }
    }

    private bool IsFresh(Entry? entry, MagentoOptions options, string fingerprint) =>
        entry is not null
        && string.Equals(entry.Fingerprint, fingerprint, StringComparison.Ordinal)
        && time.GetUtcNow() < entry.ObtainedAt + options.AdminTokenLifetime - options.AdminTokenRenewBefore;

    private async Task<string> FetchAsync(MagentoOptions options, CancellationToken cancellationToken)
    {
        var client = factory.CreateClient(HttpClientName(channel));
        var body = JsonSerializer.SerializeToUtf8Bytes(
            new Dto.AdminTokenRequest { Username = options.Username ?? string.Empty, Password = options.Password ?? string.Empty },
            MagentoJsonContext.Default.AdminTokenRequest);
        using var request = new HttpRequestMessage(HttpMethod.Post, MagentoClient.Url(options, "integration/admin/token"))
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        const string what = "POST integration/admin/token";
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (MagentoClient.IsTransport(ex))
        {
            throw MagentoClient.TransportFailure(what, ex);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                var error = MagentoErrors.Map(status, text, response.Content.Headers.ContentType?.MediaType, null, what, MagentoClient.RequestId(response));
                // A refused user name or password is an authentication failure whatever status the store chose for it.
                throw status is 400 or 401 or 403
                    ? new ConnectorAuthenticationException(MagentoChannel.PlatformName, $"the admin user '{options.Username}' was refused a token: {error.Message}", status, responseBody: null)
                    : error;
            }

            var json = MagentoErrors.JsonStart(text, out _);
            string? token = null;
            if (json is not null)
            {
                try
                {
                    token = JsonSerializer.Deserialize(json, MagentoJsonContext.Default.String);
                }
                catch (JsonException)
                {
                    token = null;
                }
            }

            if (string.IsNullOrEmpty(token))
            {
                // The token body is not quoted: it would hold a secret if it were a token.
                throw new ConnectorRequestFailedException(
                    MagentoChannel.PlatformName, $"{what} answered {status} without a token (a JSON string was expected).", status, "invalid_response", isTransient: true);
            }

            return token;
        }
    }

    private static string Fingerprint(MagentoOptions options)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes((options.Username ?? string.Empty) + "\n" + (options.Password ?? string.Empty) + "\n" + options.BaseUrl + "\n" + options.StoreCode));
        return Convert.ToHexString(bytes);
    }

    private sealed record Entry(string Token, DateTimeOffset ObtainedAt, string Fingerprint);
}
