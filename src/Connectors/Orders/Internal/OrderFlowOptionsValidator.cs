using Connectors.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connectors.Orders.Internal;

/// <summary>The TimeSpan ranges of <see cref="OrderFlowOptions"/> (checked by hand: <c>[Range(typeof(TimeSpan))]</c> is not trimming-safe).</summary>
internal sealed class OrderFlowOptionsValidator : IValidateOptions<ConnectorsOptions>
{
    public ValidateOptionsResult Validate(string? name, ConnectorsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var orders = options.Orders;
        if (orders is null)
        {
            return ValidateOptionsResult.Fail("Connectors:Orders is required.");
        }

        ConnectorsOptionsValidator.CheckRange(failures, "Connectors:Orders:InitialPollWindow", orders.InitialPollWindow, TimeSpan.FromMinutes(1), TimeSpan.FromDays(365));
        ConnectorsOptionsValidator.CheckRange(failures, "Connectors:Orders:ProcessingTimeout", orders.ProcessingTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        ConnectorsOptionsValidator.CheckRange(failures, "Connectors:Orders:ReconciliationWindow", orders.ReconciliationWindow, TimeSpan.FromMinutes(1), TimeSpan.FromDays(90));
        if (!Enum.IsDefined(orders.RefundOnReturn))
        {
            failures.Add($"Connectors:Orders:RefundOnReturn is {orders.RefundOnReturn} but must be Never or WhenReceived.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
