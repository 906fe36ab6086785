using System.Collections.Concurrent;
using System.Net;

namespace Connectors.Warehouse.SapEwm.Internal.OData;

/// <summary>
/// The adapter's session with the system: its cookies (SAP binds a CSRF token to the session cookie it was fetched
/// with) and the CSRF token per service root. It outlives the pooled message handlers, whose rotation would otherwise
/// drop the cookies and with them every token.
/// </summary>
internal sealed class SapSession
{
    private readonly ConcurrentDictionary<string, string> _tokens = new(StringComparer.Ordinal);

    public CookieContainer Cookies { get; } = new();

    public string? TokenFor(Uri serviceRoot) => _tokens.TryGetValue(serviceRoot.AbsoluteUri, out var token) ? token : null;

    public void SetToken(Uri serviceRoot, string token) => _tokens[serviceRoot.AbsoluteUri] = token;

    /// <summary>Forgets a token, unless another request already replaced it with a fresh one.</summary>
    public void Invalidate(Uri serviceRoot, string? staleToken)
    {
        if (staleToken is null)
        {
            _tokens.TryRemove(serviceRoot.AbsoluteUri, out _);
        }
        else
        {
            _tokens.TryRemove(new KeyValuePair<string, string>(serviceRoot.AbsoluteUri, staleToken));
        }
    }
}
