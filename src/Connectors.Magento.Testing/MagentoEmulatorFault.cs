namespace Connectors.Testing.Magento;

/// <summary>A fault the <see cref="MagentoEmulator"/> answers the next request with instead of serving it.</summary>
public enum MagentoEmulatorFault
{
    /// <summary>503 with an HTML maintenance page (Magento's <c>pub/errors</c> page while in maintenance mode).</summary>
    MaintenancePage = 0,

    /// <summary>500 with Magento's JSON error body (<c>{"message": "Internal Error. Details are available in Magento log file. Report ID: ..."}</c>).</summary>
    InternalError,

    /// <summary>The request is served, but PHP's display_errors output precedes the JSON.</summary>
    PhpNotice,

    /// <summary>The connection is closed before any answer.</summary>
    ConnectionReset,

    /// <summary>The request is served (its change is made), then the connection is closed before the answer: a lost answer.</summary>
    LostAnswer,
}
