using Connectors.Internal;

namespace Connectors;

/// <summary>One parcel's tracking: number, optional URL and carrier.</summary>
public sealed record TrackingInfo
{
    /// <summary>Creates tracking information.</summary>
    /// <param name="number">The tracking number.</param>
    /// <param name="url">The tracking URL, where the carrier has one.</param>
    /// <param name="carrier">The carrier name as the channel should show it, if different from the shipment's.</param>
    /// <exception cref="ConnectorValidationException">The number is empty or the URL is not absolute http(s).</exception>
    public TrackingInfo(string number, Uri? url = null, string? carrier = null)
    {
        Number = Guard.NotEmpty(number, nameof(Number));
        if (url is not null && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)))
        {
            throw new ConnectorValidationException(nameof(Url), $"must be an absolute http or https URL (was '{url}').");
        }

        Url = url;
        Carrier = carrier;
    }

    /// <summary>The tracking number.</summary>
    public string Number { get; }

    /// <summary>The tracking URL.</summary>
    public Uri? Url { get; }

    /// <summary>The carrier name, if different from the shipment's.</summary>
    public string? Carrier { get; }
}
