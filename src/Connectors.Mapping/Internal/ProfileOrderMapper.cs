using System.Globalization;
using Connectors.Mapping.Hooks;

namespace Connectors.Mapping.Internal;

/// <summary>
/// The profile-backed <see cref="IOrderMapper"/>. Orders: lines exploded through the cross-reference (bundles into
/// components, packs and weights into WMS units), then release, carrier, picking instructions, priority, address and
/// custom-field rules, then the hooks; the warehouse order is built only when everything mapped. Warehouse line ids
/// are the channel line id, suffixed <c>:n</c> for the n-th component of a bundle.
/// </summary>
internal sealed class ProfileOrderMapper(MappingProfileStore store, IEnumerable<IOrderMappingHook> hooks) : IOrderMapper
{
    private static readonly string[] Suffixes = [.. Enumerable.Range(0, 32).Select(i => ":" + i.ToString(CultureInfo.InvariantCulture))];
    private readonly IOrderMappingHook[] _hooks = [.. hooks];

    public ValueTask<OrderMappingResult> MapOrderAsync(ChannelOrder order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        var state = store.Find(order.Channel);
        if (state is null && !store.IdentityForUnprofiledChannels)
        {
            throw new MappingException(order.Channel, order.OrderId, null, "Channel", $"channel '{order.Channel}' has no mapping profile.", "Profile");
        }

        var profile = state?.Profile ?? store.DefaultProfile;
        List<string>? warnings = null;
        var lines = ExplodeLines(order, profile, state?.Index);
        var shipTo = AddressNormaliser.Apply(order.ShippingAddress, profile.Address, order, ref warnings);
        RequireShipTo(order, shipTo, profile);
        var carrier = MapCarrier(order, profile, ref warnings);
        var (release, reason) = Release(order, profile);
        var instructions = Instructions(order, profile);
        var shipBy = profile.ShipBy(order);
        var priority = Priority(order, profile, shipBy);
        var attributes = CustomFields(order, profile, shipTo);

        if (_hooks.Length > 0)
        {
            var context = new OrderMappingContext(
                order,
                lines,
                attributes ?? new Dictionary<string, string>(StringComparer.Ordinal),
                instructions ?? [],
                warnings ?? [])
            {
                Priority = priority,
                CarrierService = carrier,
                ShipTo = shipTo,
                Release = release,
                Reason = reason,
                ShipBy = shipBy,
            };
            return RunHooksAsync(context, cancellationToken);
        }

        var warehouseOrder = new WarehouseOrder(
            order.Channel,
            order.OrderId,
            lines,
            order.OrderNumber,
            shipTo,
            carrier,
            priority,
            instructions,
            attributes,
            order.UpdatedAt)
        {
            ShipBy = shipBy,
        };
        return ValueTask.FromResult(new OrderMappingResult
        {
            Order = warehouseOrder,
            Release = release,
            Reason = reason,
            Warnings = warnings,
        });
    }

    public ValueTask<FulfillmentRequest> MapShipmentAsync(WarehouseShipment shipment, ChannelOrder order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shipment);
        ArgumentNullException.ThrowIfNull(order);
        var definitions = new ChannelItemDefinition[order.Lines.Count];
        var byLine = new decimal[order.Lines.Count][];
        for (var i = 0; i < order.Lines.Count; i++)
        {
            definitions[i] = Resolve(order, order.Lines[i], i);
            byLine[i] = new decimal[definitions[i].Components.Count];
        }

        // Units the WMS attributes to a warehouse line go to that line; the rest is pooled by SKU.
        var pool = new Dictionary<string, decimal>(StringComparer.Ordinal);
        for (var s = 0; s < shipment.Lines.Count; s++)
        {
            var shipped = shipment.Lines[s];
            if (TryLocate(order, definitions, shipped, out var lineIndex, out var componentIndex))
            {
                byLine[lineIndex][componentIndex] += shipped.Quantity;
            }
            else
            {
                pool[shipped.Sku] = pool.GetValueOrDefault(shipped.Sku) + shipped.Quantity;
            }
        }

        var result = new List<FulfillmentLine>(order.Lines.Count);
        string? heldBundle = null;
        for (var i = 0; i < order.Lines.Count; i++)
        {
            var line = order.Lines[i];
            var components = definitions[i].Components;

            // A selling unit ships only when every component of it is in the parcel.
            var units = (decimal)line.Quantity;
            var any = false;
            for (var c = 0; c < components.Count; c++)
            {
                var available = byLine[i][c] + pool.GetValueOrDefault(components[c].Sku);
                any |= available > 0m;
                units = Math.Min(units, decimal.Floor(available / components[c].QuantityPerUnit));
            }

            if (!any)
            {
                continue;
            }

            for (var c = 0; c < components.Count; c++)
            {
                var need = units * components[c].QuantityPerUnit;
                var own = Math.Min(need, byLine[i][c]);
                byLine[i][c] -= own;
                need -= own;
                if (need > 0m)
                {
                    pool[components[c].Sku] -= need;
                }

                if (byLine[i][c] > 0m)
                {
                    if (components.Count == 1)
                    {
                        throw Fraction(order, line, i, components[c], byLine[i][c] + (units * components[c].QuantityPerUnit), shipment);
                    }

                    heldBundle ??= line.LineId;
                }
            }

            if (units > 0m)
            {
                result.Add(new FulfillmentLine(line.LineId, (int)units));
            }
        }

        foreach (var (sku, left) in pool)
        {
            if (left <= 0m)
            {
                continue;
            }

            var owner = -1;
            var inBundle = false;
            for (var i = 0; i < definitions.Length; i++)
            {
                foreach (var component in definitions[i].Components)
                {
                    if (string.Equals(component.Sku, sku, StringComparison.Ordinal))
                    {
                        owner = i;
                        inBundle |= definitions[i].Components.Count > 1;
                    }
                }
            }

            if (owner < 0)
            {
                var at = IndexOfSku(shipment, sku);
                throw new MappingException(order.Channel, order.OrderId, null, $"Lines[{at}].Sku", $"shipment {shipment.ShipmentId} ships '{sku}', which is on no line of the order.", "Shipment");
            }

            if (!inBundle)
            {
                var ownerDefinition = definitions[owner];
                throw Fraction(order, order.Lines[owner], owner, ownerDefinition.Components[0], left, shipment);
            }

            heldBundle ??= order.Lines[owner].LineId;
        }

        if (result.Count == 0)
        {
            throw new MappingException(
                order.Channel,
                order.OrderId,
                heldBundle,
                "Lines",
                $"shipment {shipment.ShipmentId} holds components of bundle line {heldBundle} but not all of them; a bundle line ships only when every component does.",
                "Bundles");
        }

        return ValueTask.FromResult(new FulfillmentRequest(order.OrderId, result, shipment.ShipmentId, shipment.Carrier, shipment.Tracking));
    }

    public ValueTask<ExpectedReturn> MapReturnAsync(ReturnRequest request, ChannelOrder order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(order);
        var profile = store.Find(order.Channel)?.Profile;
        var lines = new List<WarehouseShipmentLine>(request.Lines.Count);
        for (var r = 0; r < request.Lines.Count; r++)
        {
            var returned = request.Lines[r];
            var index = IndexOfLine(order, returned.LineId);
            if (index < 0)
            {
                throw new MappingException(order.Channel, order.OrderId, returned.LineId, $"Lines[{r}].LineId", $"return {request.ReturnId} names a line the order does not have.", "Returns");
            }

            var line = order.Lines[index];
            if (returned.Quantity > line.Quantity)
            {
                throw new MappingException(order.Channel, order.OrderId, line.LineId, $"Lines[{r}].Quantity", $"return {request.ReturnId} returns {returned.Quantity} of line {line.LineId}, which ordered {line.Quantity}.", "Returns");
            }

            var definition = Resolve(order, line, index);
            var components = definition.Components;
            for (var c = 0; c < components.Count; c++)
            {
                var quantity = returned.Quantity * components[c].QuantityPerUnit;
                if (quantity != decimal.Truncate(quantity) && profile?.IsFractional(components[c].Sku) != true)
                {
                    throw new MappingException(order.Channel, order.OrderId, line.LineId, $"Lines[{r}].Quantity", string.Create(CultureInfo.InvariantCulture, $"{returned.Quantity} x {components[c].QuantityPerUnit} of '{components[c].Sku}' is {quantity}, but the WMS counts that SKU in whole units."), "Units");
                }

                lines.Add(new WarehouseShipmentLine(components[c].Sku, quantity, components.Count == 1 ? line.LineId : line.LineId + Suffix(c)));
            }
        }

        return ValueTask.FromResult(new ExpectedReturn
        {
            Channel = request.Channel,
            ReturnId = request.ReturnId,
            ChannelOrderId = request.ChannelOrderId,
            Lines = lines,
        });
    }

    private List<WarehouseOrderLine> ExplodeLines(ChannelOrder order, CompiledProfile profile, ItemIndex? index)
    {
        var orderLines = order.Lines;
        var lines = new List<WarehouseOrderLine>(orderLines.Count);
        for (var i = 0; i < orderLines.Count; i++)
        {
            var line = orderLines[i];
            ChannelItemDefinition? definition;
            bool wholeUnits;
            if (index is not null && index.ById.TryGetValue(line.ChannelItemId, out var indexed))
            {
                (definition, wholeUnits) = (indexed.Definition, indexed.WholeUnits);
            }
            else
            {
                definition = index is null ? store.FindItem(order.Channel, line.ChannelItemId) : null;
                wholeUnits = true;
            }

            if (definition is null)
            {
                throw Unmapped(order, line, i);
            }

            var components = definition.Components;
            if (components.Count == 1)
            {
                var component = components[0];
                var perUnit = component.QuantityPerUnit;
                var quantity = line.Quantity * perUnit;
                if (!wholeUnits)
                {
                    CheckWhole(order, line, i, component, quantity, profile);
                }

                // The line total as given; the unit price per WMS unit rounded to the currency's minor unit (a case of 3
                // at 10.00 is 3.33 a unit and 10.00 a line), so a WMS that rounds still adds up.
                var total = line.Total;
                var price = perUnit == 1m ? line.UnitPrice : new Money(total.Amount / quantity, total.Currency).RoundToMinorUnit();
                lines.Add(new WarehouseOrderLine(line.LineId, component.Sku, quantity, line.LineId, price) { Total = total });
                continue;
            }

            for (var c = 0; c < components.Count; c++)
            {
                var component = components[c];
                var quantity = line.Quantity * component.QuantityPerUnit;
                if (!wholeUnits)
                {
                    CheckWhole(order, line, i, component, quantity, profile);
                }

                lines.Add(new WarehouseOrderLine(line.LineId + Suffix(c), component.Sku, quantity, line.LineId));
            }
        }

        return lines;
    }

    /// <summary>A line that requires shipping needs an address a carrier can deliver to, unless the profile says otherwise.</summary>
    private static void RequireShipTo(ChannelOrder order, Address? shipTo, CompiledProfile profile)
    {
        if (!profile.Address.RequireShipTo || IsUsable(shipTo))
        {
            return;
        }

        for (var i = 0; i < order.Lines.Count; i++)
        {
            if (order.Lines[i].RequiresShipping)
            {
                var what = shipTo is null ? "has no ship-to address" : "has a ship-to address without a first line, a city or postal code, or a country";
                throw new MappingException(
                    order.Channel,
                    order.OrderId,
                    order.Lines[i].LineId,
                    "ShippingAddress",
                    $"{what}, but line {i} requires shipping; fix the address on the channel, or set Address.RequireShipTo to false for a channel whose orders are collected.",
                    "Address.RequireShipTo");
            }
        }
    }

    private static bool IsUsable(Address? address) =>
        address is not null
        && !string.IsNullOrWhiteSpace(address.Line1)
        && (!string.IsNullOrWhiteSpace(address.City) || !string.IsNullOrWhiteSpace(address.PostalCode))
        && (!string.IsNullOrWhiteSpace(address.CountryCode) || !string.IsNullOrWhiteSpace(address.Country));

    private static void CheckWhole(ChannelOrder order, ChannelOrderLine line, int index, ItemComponent component, decimal quantity, CompiledProfile profile)
    {
        if (quantity != decimal.Truncate(quantity) && !profile.IsFractional(component.Sku))
        {
            throw new MappingException(
                order.Channel,
                order.OrderId,
                line.LineId,
                $"Lines[{index}].Quantity",
                string.Create(CultureInfo.InvariantCulture, $"{line.Quantity} x {component.QuantityPerUnit} of '{component.Sku}' is {quantity}, but the WMS counts that SKU in whole units (list it in FractionalSkus if it is sold by weight or length)."),
                "Units");
        }
    }

    private static string? MapCarrier(ChannelOrder order, CompiledProfile profile, ref List<string>? warnings)
    {
        var method = order.ShippingMethod;
        if (method is not null && profile.Carriers.TryGetValue(method, out var service))
        {
            return service;
        }

        if (profile.CarrierFallback is not null)
        {
            (warnings ??= []).Add($"shipping method '{method}' has no carrier mapping; fallback '{profile.CarrierFallback}' used.");
            return profile.CarrierFallback;
        }

        if (profile.RequireCarrier)
        {
            throw new MappingException(order.Channel, order.OrderId, null, "ShippingMethod", $"shipping method '{method}' has no carrier mapping and the profile has no fallback.", "Carriers");
        }

        if (profile.Carriers.Count > 0)
        {
            (warnings ??= []).Add($"shipping method '{method}' has no carrier mapping; sent as written.");
        }

        return method;
    }

    private static (ReleaseDecision Decision, string? Reason) Release(ChannelOrder order, CompiledProfile profile)
    {
        if (order.Status == ChannelOrderStatus.Cancelled)
        {
            return (ReleaseDecision.Reject, "the order is cancelled on the channel (rule 'Release')");
        }

        // Completed or fulfilled on the channel: shipped elsewhere, or before the connector was installed (the first
        // poll reads back InitialPollWindow), so it must not be shipped again.
        if ((uint)order.Status < (uint)profile.ReleaseByOrderStatus.Length && profile.ReleaseByOrderStatus[(int)order.Status] is not ReleaseDecision.Release and var byStatus)
        {
            // A hold never keeps alive an order its payment rejects (WooCommerce 'failed' reads as OnHold with a failed payment).
            if (byStatus == ReleaseDecision.Hold
                && (uint)order.PaymentStatus < (uint)profile.ReleaseByPayment.Length
                && profile.ReleaseByPayment[(int)order.PaymentStatus] is { Decision: ReleaseDecision.Reject } rejected)
            {
                return rejected;
            }

            return (byStatus, $"the order is {order.Status} on the channel (rule 'Release.OrderStatus')");
        }

        if ((uint)order.FulfillmentStatus < (uint)profile.ReleaseByFulfillment.Length && profile.ReleaseByFulfillment[(int)order.FulfillmentStatus] is not ReleaseDecision.Release and var byFulfillment)
        {
            return (byFulfillment, $"the order is {order.FulfillmentStatus} on the channel (rule 'Release.FulfillmentStatus')");
        }

        var table = profile.ReleaseByPayment;
        (ReleaseDecision Decision, string? Reason) decided = (uint)order.PaymentStatus < (uint)table.Length ? table[(int)order.PaymentStatus] : (ReleaseDecision.Hold, "unknown payment status (rule 'Release')");
        if (decided.Decision == ReleaseDecision.Release && profile.HoldTags.Length > 0)
        {
            foreach (var tag in order.Tags)
            {
                foreach (var hold in profile.HoldTags)
                {
                    if (string.Equals(tag, hold, StringComparison.OrdinalIgnoreCase))
                    {
                        return (ReleaseDecision.Hold, $"the order is tagged '{tag}' (rule 'Release.HoldTags')");
                    }
                }
            }
        }

        return decided;
    }

    private static List<string>? Instructions(ChannelOrder order, CompiledProfile profile)
    {
        List<string>? result = null;
        if (profile.IncludeNote && !string.IsNullOrWhiteSpace(order.Note))
        {
            (result ??= []).Add(order.Note.Trim());
        }

        if (profile.GiftWrapKeys.Length > 0 && WantsGiftWrap(order, profile.GiftWrapKeys))
        {
            (result ??= []).Add(profile.GiftWrapText);
        }

        foreach (var (key, label) in profile.InstructionAttributes)
        {
            if (order.Attributes.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value))
            {
                (result ??= []).Add(string.Concat(label, ": ", value));
            }
        }

        if (profile.InstructionLineProperties.Length > 0)
        {
            foreach (var line in order.Lines)
            {
                foreach (var key in profile.InstructionLineProperties)
                {
                    if (line.Properties.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value))
                    {
                        (result ??= []).Add(string.Concat("Line ", line.LineId, ": ", key, ": ", value));
                    }
                }
            }
        }

        return result;
    }

    private static bool WantsGiftWrap(ChannelOrder order, string[] keys)
    {
        foreach (var key in keys)
        {
            if (Truthy(Find(order.Attributes, key)))
            {
                return true;
            }

            foreach (var line in order.Lines)
            {
                if (Truthy(Find(line.Properties, key)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static string? Find(IReadOnlyDictionary<string, string> map, string key)
    {
        if (map.Count == 0)
        {
            return null;
        }

        if (map.TryGetValue(key, out var exact))
        {
            return exact;
        }

        foreach (var pair in map)
        {
            if (string.Equals(pair.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return pair.Value;
            }
        }

        return null;
    }

    private static bool Truthy(string? value) =>
        !string.IsNullOrWhiteSpace(value)
        && !string.Equals(value, "0", StringComparison.Ordinal)
        && !string.Equals(value, "no", StringComparison.OrdinalIgnoreCase)
        && !string.Equals(value, "false", StringComparison.OrdinalIgnoreCase);

    private static int Priority(ChannelOrder order, CompiledProfile profile, DateTimeOffset? shipBy)
    {
        var priority = profile.DefaultPriority;
        var matched = false;
        foreach (var rule in profile.PriorityRules)
        {
            if ((!matched || rule.Priority > priority) && rule.Matches(order, shipBy))
            {
                priority = matched ? Math.Max(priority, rule.Priority) : rule.Priority;
                matched = true;
            }
        }

        return priority;
    }

    private static Dictionary<string, string>? CustomFields(ChannelOrder order, CompiledProfile profile, Address? shipTo)
    {
        if (profile.CustomFields.Length == 0)
        {
            return null;
        }

        var result = new Dictionary<string, string>(profile.CustomFields.Length, StringComparer.Ordinal);
        foreach (var rule in profile.CustomFields)
        {
            var value = rule.Evaluate(order, shipTo);
            if (string.IsNullOrEmpty(value))
            {
                if (rule.Required)
                {
                    throw new MappingException(order.Channel, order.OrderId, null, "Attributes." + rule.Target, $"WMS field '{rule.Target}' is required but its rule produced no value.", rule.RuleName);
                }

                continue;
            }

            result[rule.Target] = value;
        }

        return result;
    }

    private async ValueTask<OrderMappingResult> RunHooksAsync(OrderMappingContext context, CancellationToken cancellationToken)
    {
        var order = context.Order;
        foreach (var hook in _hooks)
        {
            try
            {
                await hook.ApplyAsync(context, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (error is not MappingException and not OperationCanceledException)
            {
                throw new MappingException(order.Channel, order.OrderId, null, "Hooks", $"hook {hook.GetType().Name} failed: {error.Message}", "Hook:" + hook.GetType().Name);
            }
        }

        var warehouseOrder = new WarehouseOrder(
            order.Channel,
            order.OrderId,
            context.Lines,
            order.OrderNumber,
            context.ShipTo,
            context.CarrierService,
            context.Priority,
            [.. context.PickingInstructions],
            new Dictionary<string, string>(context.Attributes, StringComparer.Ordinal),
            order.UpdatedAt)
        {
            ShipBy = context.ShipBy,
        };
        return new OrderMappingResult
        {
            Order = warehouseOrder,
            Release = context.Release,
            Reason = context.Reason,
            Warnings = context.Warnings.Count == 0 ? null : [.. context.Warnings],
        };
    }

    private ChannelItemDefinition Resolve(ChannelOrder order, ChannelOrderLine line, int index) =>
        store.FindItem(order.Channel, line.ChannelItemId) ?? throw Unmapped(order, line, index);

    private static MappingException Unmapped(ChannelOrder order, ChannelOrderLine line, int index) => new(
        order.Channel,
        order.OrderId,
        line.LineId,
        $"Lines[{index}].ChannelItemId",
        $"channel item '{line.ChannelItemId}' (SKU '{line.Sku}') is not mapped to a WMS SKU.",
        "Items");

    /// <summary>
    /// What is wrong with units of a single-component line that did not fit: more whole selling units than the line
    /// ordered is an over-shipment (the WMS shipped more than is left to ship); anything else is a part of a selling unit.
    /// </summary>
    private static MappingException Fraction(ChannelOrder order, ChannelOrderLine line, int index, ItemComponent component, decimal shipped, WarehouseShipment shipment)
    {
        var ordered = line.Quantity * component.QuantityPerUnit;
        if (shipped % component.QuantityPerUnit == 0m && shipped > 0m)
        {
            return new(
                order.Channel,
                order.OrderId,
                line.LineId,
                $"Lines[{index}].Quantity",
                string.Create(CultureInfo.InvariantCulture, $"shipment {shipment.ShipmentId} ships {shipped} of '{component.Sku}' for line {line.LineId}, but the line ordered {ordered}: the shipment exceeds what is left to ship."),
                "Shipment");
        }

        return new(
            order.Channel,
            order.OrderId,
            line.LineId,
            $"Lines[{index}].Quantity",
            string.Create(CultureInfo.InvariantCulture, $"shipment {shipment.ShipmentId} ships {shipped} of '{component.Sku}', which is not a whole number of selling units of {component.QuantityPerUnit}."),
            "Units");
    }

    private static bool TryLocate(ChannelOrder order, ChannelItemDefinition[] definitions, WarehouseShipmentLine shipped, out int lineIndex, out int componentIndex)
    {
        lineIndex = -1;
        componentIndex = -1;
        var id = shipped.OrderLineId;
        if (string.IsNullOrEmpty(id))
        {
            return false;
        }

        var channelLineId = id;
        var colon = id.LastIndexOf(':');
        if (colon > 0 && IndexOfLine(order, id) < 0)
        {
            channelLineId = id[..colon];
        }

        lineIndex = IndexOfLine(order, channelLineId);
        if (lineIndex < 0)
        {
            return false;
        }

        var components = definitions[lineIndex].Components;
        for (var c = 0; c < components.Count; c++)
        {
            if (string.Equals(components[c].Sku, shipped.Sku, StringComparison.Ordinal))
            {
                componentIndex = c;
                return true;
            }
        }

        return false;
    }

    private static int IndexOfLine(ChannelOrder order, string lineId)
    {
        for (var i = 0; i < order.Lines.Count; i++)
        {
            if (string.Equals(order.Lines[i].LineId, lineId, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static int IndexOfSku(WarehouseShipment shipment, string sku)
    {
        for (var i = 0; i < shipment.Lines.Count; i++)
        {
            if (string.Equals(shipment.Lines[i].Sku, sku, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return 0;
    }

    private static string Suffix(int component) =>
        component < Suffixes.Length ? Suffixes[component] : ":" + component.ToString(CultureInfo.InvariantCulture);
}
