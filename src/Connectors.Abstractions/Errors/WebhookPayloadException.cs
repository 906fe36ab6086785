namespace Connectors;

/// <summary>A webhook or API response body is malformed: not JSON, a missing field, a value of the wrong type.</summary>
public sealed class WebhookPayloadException : ConnectorValidationException
{
    /// <summary>Creates an exception.</summary>
    /// <param name="fieldPath">The JSON path of the bad field (for example <c>$.line_items[0].quantity</c>).</param>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The parser's error.</param>
    public WebhookPayloadException(string fieldPath, string message, Exception? innerException = null)
        : base([new ValidationError(fieldPath, message)], innerException)
    {
    }
}
