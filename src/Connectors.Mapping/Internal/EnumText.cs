namespace Connectors.Mapping.Internal;

/// <summary>Enum names without the per-call allocation of <see cref="Enum.ToString()"/>.</summary>
internal static class EnumText
{
    private static readonly string[] PaymentNames = Enum.GetNames<PaymentStatus>();
    private static readonly string[] StatusNames = Enum.GetNames<ChannelOrderStatus>();

    public static string Of(PaymentStatus value) => (uint)value < (uint)PaymentNames.Length ? PaymentNames[(int)value] : value.ToString();

    public static string Of(ChannelOrderStatus value) => (uint)value < (uint)StatusNames.Length ? StatusNames[(int)value] : value.ToString();
}
