namespace Connectors.Warehouse.SapEwm;

/// <summary>One message of an SAP error body (<c>error.details[]</c> in OData V4, <c>error.innererror.errordetails[]</c> in V2).</summary>
public sealed record SapErrorDetail
{
    /// <summary>The message code, for example <c>/SCWM/DLV_ODO/012</c>.</summary>
    public required string Code { get; init; }

    /// <summary>The message text.</summary>
    public required string Message { get; init; }

    /// <summary>The property or entity the message is about, where SAP names it.</summary>
    public string? Target { get; init; }

    /// <summary>The severity (<c>error</c>, <c>warning</c>, <c>info</c>), where SAP gives it.</summary>
    public string? Severity { get; init; }
}
