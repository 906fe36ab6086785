namespace Connectors;

/// <summary>
/// The base of every error the SDK raises. <see cref="IsTransient"/> tells the engine whether to retry (with backoff)
/// or to dead-letter. Messages never contain secrets.
/// </summary>
public class ConnectorException : Exception
{
    /// <summary>Creates an exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="isTransient">Whether a retry may succeed.</param>
    /// <param name="innerException">The cause.</param>
    public ConnectorException(string message, bool isTransient = false, Exception? innerException = null)
        : base(message, innerException)
    {
        IsTransient = isTransient;
    }

    /// <summary>Whether a retry may succeed.</summary>
    public bool IsTransient { get; }
}
