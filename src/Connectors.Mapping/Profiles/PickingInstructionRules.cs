namespace Connectors.Mapping.Profiles;

/// <summary>What becomes picking instructions: the order note, gift wrap and chosen attributes.</summary>
public sealed class PickingInstructionRules
{
    /// <summary>Whether the order note becomes an instruction.</summary>
    /// <value><see langword="true"/> by default.</value>
    public bool IncludeNote { get; set; } = true;

    /// <summary>Order attributes or line properties (without case) that ask for gift wrap when their value is truthy (anything but empty, <c>0</c>, <c>no</c>, <c>false</c>).</summary>
    public IList<string> GiftWrapKeys { get; } = new List<string>();

    /// <summary>The instruction added for gift wrap.</summary>
    /// <value><c>GIFT WRAP</c> by default.</value>
    public string GiftWrapText { get; set; } = "GIFT WRAP";

    /// <summary>Order attributes copied as <c>Label: value</c> instructions, by attribute key (without case) to label.</summary>
    public IDictionary<string, string> Attributes { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Line properties (engraving text, personalisation) copied as <c>Line id: key: value</c> instructions.</summary>
    public IList<string> LineProperties { get; } = new List<string>();
}
