namespace Connectors.Testing.Shopify.Internal;

/// <summary>A request the emulator answers with a top-level GraphQL error.</summary>
internal sealed class EmulatorException : Exception
{
    public EmulatorException(string message, string code)
        : base(message)
    {
        Code = code;
    }

    public string Code { get; }
}
