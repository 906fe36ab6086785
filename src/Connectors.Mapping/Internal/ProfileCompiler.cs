using System.Collections.Frozen;
using System.Globalization;
using Connectors.Mapping.Profiles;

namespace Connectors.Mapping.Internal;

/// <summary>
/// Checks a channel profile and compiles it into lookup tables. Every problem is collected (not only the first), each
/// naming the rule and the configuration path (<c>Mapping:Channels:store-a:Bundles[2].Components[0].QuantityPerUnit</c>).
/// </summary>
internal static partial class ProfileCompiler
{
    private static readonly PaymentStatus[] PaymentStatuses = Enum.GetValues<PaymentStatus>();

    public static CompiledProfile? Compile(string channel, ChannelMappingProfile? profile, string root, List<ValidationError> errors)
    {
        var path = $"{root}:Channels:{channel}";
        var before = errors.Count;
        if (string.IsNullOrWhiteSpace(channel))
        {
            Add(errors, $"{root}:Channels", "Profile", "has a channel with an empty name.");
        }

        if (profile is null)
        {
            Add(errors, path, "Profile", "is empty.");
            return null;
        }

        var items = CompileItems(channel, profile, path, errors);
        var variants = CompileVariants(profile, path, errors);
        var autoMatch = CompileAutoMatch(profile, path, errors);
        var fractional = CompileFractional(profile, path, errors);
        var (release, holdTags) = CompileRelease(profile, path, errors);
        var (byOrderStatus, byFulfillment) = CompileChannelState(profile, path, errors);
        var carriers = CompileCarriers(profile, path, errors);
        var picking = profile.PickingInstructions ?? new PickingInstructionRules();
        var priorities = CompilePriority(profile, path, errors);
        var address = CompileAddress(profile, path, errors);
        var customFields = CompileCustomFields(profile, path, errors);
        var handlingTime = CompileShipBy(profile, path, errors);
        PricingValidator.Validate(profile.Pricing, path, errors);
        if (errors.Count > before)
        {
            return null;
        }

        return new CompiledProfile
        {
            Channel = channel,
            Path = path,
            ExplicitItems = items,
            Variants = variants,
            AutoMatch = autoMatch,
            FractionalSkus = fractional,
            ReleaseByPayment = release,
            ReleaseByOrderStatus = byOrderStatus,
            ReleaseByFulfillment = byFulfillment,
            HoldTags = holdTags,
            Carriers = carriers,
            CarrierFallback = string.IsNullOrWhiteSpace(profile.Carriers?.Fallback) ? null : profile.Carriers.Fallback,
            RequireCarrier = profile.Carriers?.RequireMatch ?? false,
            IncludeNote = picking.IncludeNote,
            GiftWrapKeys = [.. picking.GiftWrapKeys.Where(k => !string.IsNullOrWhiteSpace(k))],
            GiftWrapText = string.IsNullOrWhiteSpace(picking.GiftWrapText) ? "GIFT WRAP" : picking.GiftWrapText,
            InstructionAttributes = [.. picking.Attributes.Where(kv => !string.IsNullOrWhiteSpace(kv.Key))
                .Select(kv => new KeyValuePair<string, string>(kv.Key, string.IsNullOrWhiteSpace(kv.Value) ? kv.Key : kv.Value))],
            InstructionLineProperties = [.. picking.LineProperties.Where(k => !string.IsNullOrWhiteSpace(k))],
            DefaultPriority = profile.Priority?.Default ?? 0,
            PriorityRules = priorities,
            Address = address,
            CustomFields = customFields,
            HandlingTime = handlingTime,
            PreferChannelShipBy = profile.ShipBy?.PreferChannel ?? true,
            Pricing = profile.Pricing,
        };
    }

    private static ChannelItemDefinition[] CompileItems(string channel, ChannelMappingProfile profile, string path, List<ValidationError> errors)
    {
        var result = new List<ChannelItemDefinition>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);

        void Claim(string itemId, string where, Func<ChannelItemDefinition> create)
        {
            if (seen.TryGetValue(itemId, out var first))
            {
                Add(errors, where, "Items", $"maps channel item '{itemId}', which {first} already maps; a channel item has one mapping.");
                return;
            }

            seen[itemId] = where;
            result.Add(create());
        }

        for (var i = 0; i < profile.Items.Count; i++)
        {
            var item = profile.Items[i];
            var at = $"{path}:Items[{i}]";
            if (item is null)
            {
                Add(errors, at, "Items", "is empty.");
                continue;
            }

            var ok = Required(errors, $"{at}.ChannelItemId", "Items", item.ChannelItemId);
            ok &= Required(errors, $"{at}.Sku", "Items", item.Sku);
            ok &= Positive(errors, $"{at}.QuantityPerUnit", "Items", item.QuantityPerUnit);
            if (ok)
            {
                Claim(item.ChannelItemId!.Trim(), $"{at}.ChannelItemId", () =>
                    new ChannelItemDefinition(channel, item.ChannelItemId.Trim(), [new ItemComponent(item.Sku!.Trim(), item.QuantityPerUnit)], item.OnSale, item.ChannelSku));
            }
        }

        if (!string.IsNullOrWhiteSpace(profile.CrossReferenceCsvPath))
        {
            var at = $"{path}:CrossReferenceCsvPath";
            var file = profile.CrossReferenceCsvPath;
            if (!File.Exists(file))
            {
                Add(errors, at, "CrossReferenceCsv", $"names '{file}', which does not exist (relative paths start at '{Environment.CurrentDirectory}').");
            }
            else
            {
                foreach (var (line, fields) in CsvCrossReference.Read(file))
                {
                    var where = $"{at} (line {line.ToString(CultureInfo.InvariantCulture)})";
                    if (fields.Length < 2 || fields[0].Length == 0 || fields[1].Length == 0)
                    {
                        Add(errors, where, "CrossReferenceCsv", "needs at least 'channelItemId,sku'.");
                        continue;
                    }

                    var quantity = 1m;
                    if (fields.Length > 2 && fields[2].Length > 0 && (!CsvCrossReference.TryParseQuantity(fields[2], out quantity) || quantity <= 0m))
                    {
                        Add(errors, where, "CrossReferenceCsv", $"has quantityPerUnit '{fields[2]}'; it must be a number greater than zero (invariant culture, '.' decimal point).");
                        continue;
                    }

                    var channelSku = fields.Length > 3 && fields[3].Length > 0 ? fields[3] : null;
                    Claim(fields[0], where, () => new ChannelItemDefinition(channel, fields[0], [new ItemComponent(fields[1], quantity)], true, channelSku));
                }
            }
        }

        for (var b = 0; b < profile.Bundles.Count; b++)
        {
            var bundle = profile.Bundles[b];
            var at = $"{path}:Bundles[{b}]";
            if (bundle is null)
            {
                Add(errors, at, "Bundles", "is empty.");
                continue;
            }

            var ok = Required(errors, $"{at}.ChannelItemId", "Bundles", bundle.ChannelItemId);
            if (bundle.PackSize <= 0m || bundle.PackSize != decimal.Truncate(bundle.PackSize))
            {
                Add(errors, $"{at}.PackSize", "Bundles", $"is {bundle.PackSize.ToString(CultureInfo.InvariantCulture)}; a pack holds a whole number of bundles, 1 or more.");
                ok = false;
            }

            if (bundle.Components.Count == 0)
            {
                Add(errors, $"{at}.Components", "Bundles", "is empty; a bundle has at least one component.");
                ok = false;
            }

            var skus = new HashSet<string>(StringComparer.Ordinal);
            for (var c = 0; c < bundle.Components.Count; c++)
            {
                var component = bundle.Components[c];
                var cat = $"{at}.Components[{c}]";
                if (component is null)
                {
                    Add(errors, cat, "Bundles", "is empty.");
                    ok = false;
                    continue;
                }

                ok &= Required(errors, $"{cat}.Sku", "Bundles", component.Sku);
                ok &= Positive(errors, $"{cat}.QuantityPerUnit", "Bundles", component.QuantityPerUnit);
                if (!string.IsNullOrWhiteSpace(component.Sku) && !skus.Add(component.Sku.Trim()))
                {
                    Add(errors, $"{cat}.Sku", "Bundles", $"repeats '{component.Sku}'; list each component once with its total quantity.");
                    ok = false;
                }
            }

            if (ok)
            {
                // Bundles inside case packs multiply: a case of 6 gift sets of 2 mugs is 12 mugs per selling unit.
                Claim(bundle.ChannelItemId!.Trim(), $"{at}.ChannelItemId", () => new ChannelItemDefinition(
                    channel,
                    bundle.ChannelItemId.Trim(),
                    [.. bundle.Components.Select(x => new ItemComponent(x.Sku!.Trim(), x.QuantityPerUnit * bundle.PackSize))],
                    bundle.OnSale,
                    bundle.ChannelSku));
            }
        }

        return [.. result];
    }

    private static VariantRule[] CompileVariants(ChannelMappingProfile profile, string path, List<ValidationError> errors)
    {
        var result = new List<VariantRule>();
        for (var v = 0; v < profile.Variants.Count; v++)
        {
            var variant = profile.Variants[v];
            var at = $"{path}:Variants[{v}]";
            if (variant is null)
            {
                Add(errors, at, "Variants", "is empty.");
                continue;
            }

            var ok = Required(errors, $"{at}.ParentId", "Variants", variant.ParentId);
            ok &= Required(errors, $"{at}.Sku", "Variants", variant.Sku);
            ok &= Positive(errors, $"{at}.QuantityPerUnit", "Variants", variant.QuantityPerUnit);
            if (variant.Attributes.Count == 0)
            {
                Add(errors, $"{at}.Attributes", "Variants", "is empty; name the attribute values (for example size and colour) that pick the variant.");
                ok = false;
            }

            if (ok)
            {
                result.Add(new VariantRule(
                    v,
                    variant.ParentId!.Trim(),
                    [.. variant.Attributes.Select(kv => new KeyValuePair<string, string>(VariantRule.FoldAttributeName(kv.Key), kv.Value?.Trim() ?? string.Empty))],
                    new ItemComponent(variant.Sku!.Trim(), variant.QuantityPerUnit)));
            }
        }

        for (var i = 0; i < result.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (result[i].ParentId == result[j].ParentId && SameAttributes(result[i], result[j]))
                {
                    Add(errors, $"{path}:Variants[{result[i].Index}].Attributes", "Variants", $"are the same as Variants[{result[j].Index}] of parent '{result[i].ParentId}'; one variant cannot be two SKUs.");
                }
            }
        }

        return [.. result];
    }

    private static bool SameAttributes(VariantRule a, VariantRule b) =>
        a.Attributes.Length == b.Attributes.Length
        && a.Attributes.All(x => b.Attributes.Any(y => y.Key == x.Key && string.Equals(y.Value, x.Value, StringComparison.OrdinalIgnoreCase)));

    private static SkuNormaliser? CompileAutoMatch(ChannelMappingProfile profile, string path, List<ValidationError> errors)
    {
        var options = profile.AutoMatch;
        if (options is null || !options.Enabled)
        {
            return null;
        }

        for (var i = 0; i < options.StripPrefixes.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.StripPrefixes[i]))
            {
                Add(errors, $"{path}:AutoMatch.StripPrefixes[{i}]", "AutoMatch", "is empty.");
            }
        }

        return new SkuNormaliser(options);
    }

    private static FrozenSet<string> CompileFractional(ChannelMappingProfile profile, string path, List<ValidationError> errors)
    {
        for (var i = 0; i < profile.FractionalSkus.Count; i++)
        {
            Required(errors, $"{path}:FractionalSkus[{i}]", "FractionalSkus", profile.FractionalSkus[i]);
        }

        return profile.FractionalSkus.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).ToFrozenSet(StringComparer.Ordinal);
    }

    private static ((ReleaseDecision, string?)[] Release, string[] HoldTags) CompileRelease(ChannelMappingProfile profile, string path, List<ValidationError> errors)
    {
        var table = new (ReleaseDecision, string?)[PaymentStatuses.Length];
        foreach (var status in PaymentStatuses)
        {
            table[(int)status] = Decide(status, DefaultDecision(status));
        }

        var rules = profile.Release ?? new ReleaseRules();
        foreach (var (key, decision) in rules.PaymentStatus)
        {
            if (!Enum.TryParse<PaymentStatus>(key, ignoreCase: true, out var status) || !Enum.IsDefined(status) || int.TryParse(key, out _))
            {
                Add(errors, $"{path}:Release.PaymentStatus:{key}", "Release", $"is not a payment status; use one of {string.Join(", ", Enum.GetNames<PaymentStatus>())}.");
                continue;
            }

            if (!Enum.IsDefined(decision))
            {
                Add(errors, $"{path}:Release.PaymentStatus:{key}", "Release", $"is not a decision; use Release, Hold or Reject.");
                continue;
            }

            table[(int)status] = Decide(status, decision);
        }

        return (table, [.. rules.HoldTags.Where(t => !string.IsNullOrWhiteSpace(t))]);
    }

    /// <summary>The release rules by the order's state on the channel; <c>Release</c> means "the payment status decides".</summary>
    private static (ReleaseDecision[] ByOrderStatus, ReleaseDecision[] ByFulfillment) CompileChannelState(ChannelMappingProfile profile, string path, List<ValidationError> errors)
    {
        var rules = profile.Release ?? new ReleaseRules();
        var byStatus = new ReleaseDecision[Enum.GetValues<ChannelOrderStatus>().Length];
        byStatus[(int)ChannelOrderStatus.Completed] = ReleaseDecision.Reject;

        // Put on hold on the channel (a merchant's hold, Shopify fulfilment orders ON_HOLD): not for the warehouse yet.
        byStatus[(int)ChannelOrderStatus.OnHold] = ReleaseDecision.Hold;
        foreach (var (key, decision) in rules.OrderStatus)
        {
            var at = $"{path}:Release.OrderStatus:{key}";
            if (!Enum.TryParse<ChannelOrderStatus>(key, ignoreCase: true, out var status) || !Enum.IsDefined(status) || int.TryParse(key, out _) || status == ChannelOrderStatus.Cancelled)
            {
                Add(errors, at, "Release", "is not an order status a rule can decide; use Open, OnHold or Completed (a cancelled order always rejects).");
            }
            else if (!Enum.IsDefined(decision))
            {
                Add(errors, at, "Release", "is not a decision; use Release, Hold or Reject.");
            }
            else
            {
                byStatus[(int)status] = decision;
            }
        }

        var byFulfillment = new ReleaseDecision[Enum.GetValues<FulfillmentStatus>().Length];
        byFulfillment[(int)FulfillmentStatus.Fulfilled] = ReleaseDecision.Reject;
        byFulfillment[(int)FulfillmentStatus.PartiallyFulfilled] = ReleaseDecision.Hold;
        foreach (var (key, decision) in rules.FulfillmentStatus)
        {
            var at = $"{path}:Release.FulfillmentStatus:{key}";
            if (!Enum.TryParse<FulfillmentStatus>(key, ignoreCase: true, out var status) || !Enum.IsDefined(status) || int.TryParse(key, out _))
            {
                Add(errors, at, "Release", $"is not a fulfilment status; use one of {string.Join(", ", Enum.GetNames<FulfillmentStatus>())}.");
            }
            else if (!Enum.IsDefined(decision))
            {
                Add(errors, at, "Release", "is not a decision; use Release, Hold or Reject.");
            }
            else
            {
                byFulfillment[(int)status] = decision;
            }
        }

        return (byStatus, byFulfillment);
    }

    private static ReleaseDecision DefaultDecision(PaymentStatus status) => status switch
    {
        PaymentStatus.Paid or PaymentStatus.Authorized or PaymentStatus.PartiallyRefunded => ReleaseDecision.Release,
        PaymentStatus.Refunded or PaymentStatus.Voided or PaymentStatus.Failed => ReleaseDecision.Reject,
        _ => ReleaseDecision.Hold,
    };

    private static (ReleaseDecision, string?) Decide(PaymentStatus status, ReleaseDecision decision) => decision switch
    {
        ReleaseDecision.Release => (decision, null),
        ReleaseDecision.Hold => (decision, $"payment status is {status}; held until paid (rule 'Release')"),
        _ => (decision, $"payment status is {status} (rule 'Release')"),
    };

    private static FrozenDictionary<string, string> CompileCarriers(ChannelMappingProfile profile, string path, List<ValidationError> errors)
    {
        var rules = profile.Carriers ?? new CarrierRules();
        foreach (var (method, service) in rules.Map)
        {
            if (string.IsNullOrWhiteSpace(service))
            {
                Add(errors, $"{path}:Carriers.Map:{method}", "Carriers", "is empty; name the WMS carrier service.");
            }
        }

        return rules.Map.Where(kv => !string.IsNullOrWhiteSpace(kv.Value))
            .ToFrozenDictionary(kv => kv.Key.Trim(), kv => kv.Value.Trim(), StringComparer.OrdinalIgnoreCase);
    }

    private static PriorityRuleCompiled[] CompilePriority(ChannelMappingProfile profile, string path, List<ValidationError> errors)
    {
        var rules = profile.Priority ?? new PriorityRules();
        var result = new List<PriorityRuleCompiled>();
        for (var i = 0; i < rules.Rules.Count; i++)
        {
            var rule = rules.Rules[i];
            var at = $"{path}:Priority.Rules[{i}]";
            var set = (string.IsNullOrWhiteSpace(rule?.Tag) ? 0 : 1) + (string.IsNullOrWhiteSpace(rule?.Attribute) ? 0 : 1) + (string.IsNullOrWhiteSpace(rule?.ShippingMethod) ? 0 : 1)
                + (rule?.ShipByWithinHours is null ? 0 : 1);
            if (rule is null || set != 1)
            {
                Add(errors, at, "Priority", "must set exactly one of Tag, Attribute, ShippingMethod and ShipByWithinHours.");
                continue;
            }

            if (rule.ShipByWithinHours is { } hours && (hours <= 0 || hours > 24 * 366))
            {
                Add(errors, $"{at}.ShipByWithinHours", "Priority", $"is {hours.ToString(CultureInfo.InvariantCulture)}; use a number of hours greater than zero.");
                continue;
            }

            result.Add(new PriorityRuleCompiled(NullIfBlank(rule.Tag), NullIfBlank(rule.Attribute), NullIfBlank(rule.Value), NullIfBlank(rule.ShippingMethod), rule.Priority)
            {
                ShipByWithin = rule.ShipByWithinHours is { } within ? TimeSpan.FromHours(within) : null,
            });
        }

        return [.. result];
    }

    private static AddressRulesCompiled CompileAddress(ChannelMappingProfile profile, string path, List<ValidationError> errors)
    {
        var rules = profile.Address ?? new AddressRules();
        var limits = new List<KeyValuePair<string, int>>();
        foreach (var (field, max) in rules.MaxLengths)
        {
            var at = $"{path}:Address.MaxLengths:{field}";
            if (!AddressFields.TryNormalise(field, out var name))
            {
                Add(errors, at, "Address", $"is not an address field; use one of {string.Join(", ", AddressFields.Names)}.");
            }
            else if (max < 1)
            {
                Add(errors, at, "Address", $"is {max.ToString(CultureInfo.InvariantCulture)}; a length limit is 1 or more.");
            }
            else
            {
                limits.Add(new(name, max));
            }
        }

        if (!Enum.IsDefined(rules.Company))
        {
            Add(errors, $"{path}:Address.Company", "Address", "is not a company mode; use Keep, JoinIntoName, SplitLongName or CompanyWhenNoName.");
        }

        if (!Enum.IsDefined(rules.LengthAction))
        {
            Add(errors, $"{path}:Address.LengthAction", "Address", "is not a length action; use Warn or Error.");
        }

        if (rules.Company == CompanyMode.SplitLongName && !limits.Any(l => l.Key == "Name"))
        {
            Add(errors, $"{path}:Address.Company", "Address", "is SplitLongName, which needs a MaxLengths entry for Name.");
        }

        return new AddressRulesCompiled(
            rules.NormaliseCountry,
            rules.NormaliseProvince,
            rules.NormalisePhone,
            rules.RequireCountry,
            rules.Company,
            rules.JoinSeparator ?? " / ",
            [.. limits],
            rules.LengthAction,
            rules.RequireShipTo);
    }

    private static CustomFieldCompiled[] CompileCustomFields(ChannelMappingProfile profile, string path, List<ValidationError> errors)
    {
        var result = new List<CustomFieldCompiled>();
        var targets = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < profile.CustomFields.Count; i++)
        {
            var rule = profile.CustomFields[i];
            var at = $"{path}:CustomFields[{i}]";
            var name = $"CustomFields[{i}]";
            if (rule is null)
            {
                Add(errors, at, name, "is empty.");
                continue;
            }

            var ok = Required(errors, $"{at}.Target", name, rule.Target);
            if (ok && !targets.Add(rule.Target!.Trim()))
            {
                Add(errors, $"{at}.Target", name, $"'{rule.Target}' is filled by an earlier rule; one rule per field.");
                ok = false;
            }

            var source = default(FieldSource);
            TemplatePart[] template = [];
            switch (rule.Kind)
            {
                case CustomFieldKind.Copy or CustomFieldKind.Lookup:
                    if (!FieldSource.TryParse(rule.Source, out source))
                    {
                        Add(errors, $"{at}.Source", name, $"'{rule.Source}' is not a known source; use OrderNumber, Email, Attributes.<key>, ShipTo.<field> … (see CustomFieldRule).");
                        ok = false;
                    }

                    if (rule.Kind == CustomFieldKind.Lookup && rule.Table.Count == 0)
                    {
                        Add(errors, $"{at}.Table", name, "is empty; a lookup rule needs a table.");
                        ok = false;
                    }

                    break;
                case CustomFieldKind.Constant:
                    ok &= Required(errors, $"{at}.Value", name, rule.Value);
                    break;
                case CustomFieldKind.Template:
                    if (Required(errors, $"{at}.Value", name, rule.Value) && !CustomFieldCompiled.TryParseTemplate(rule.Value!, out template, out var problem))
                    {
                        Add(errors, $"{at}.Value", name, problem!);
                        ok = false;
                    }

                    break;
                default:
                    Add(errors, $"{at}.Kind", name, "is not a rule kind; use Copy, Constant, Lookup or Template.");
                    ok = false;
                    break;
            }

            if (ok)
            {
                result.Add(new CustomFieldCompiled
                {
                    RuleName = name,
                    Target = rule.Target!.Trim(),
                    Kind = rule.Kind,
                    Source = source,
                    Value = rule.Value,
                    Table = rule.Kind == CustomFieldKind.Lookup ? rule.Table.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase) : null,
                    Default = rule.Default,
                    Required = rule.Required,
                    Template = template,
                });
            }
        }

        return [.. result];
    }

    private static bool Required(List<ValidationError> errors, string at, string rule, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(errors, at, rule, "is required.");
            return false;
        }

        return true;
    }

    private static bool Positive(List<ValidationError> errors, string at, string rule, decimal value)
    {
        if (value <= 0m)
        {
            Add(errors, at, rule, $"is {value.ToString(CultureInfo.InvariantCulture)}; it must be greater than zero (12 for a case of 12, 0.5 for half a unit).");
            return false;
        }

        return true;
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static void Add(List<ValidationError> errors, string at, string rule, string message) =>
        errors.Add(new ValidationError(at, $"(rule '{rule}') {message}"));
}
