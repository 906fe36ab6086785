using Connectors.Mapping.Internal;
using Connectors.Mapping.Profiles;

namespace Connectors.Mapping.Tests.Internal;

public class ProfileCompilerTests
{
    private static List<ValidationError> Errors(Action<ChannelMappingProfile> configure)
    {
        var profile = new ChannelMappingProfile();
        configure(profile);
        var errors = new List<ValidationError>();
        ProfileCompiler.Compile("store-a", profile, "Mapping", errors);
        return errors;
    }

    private static void AddBundle(ChannelMappingProfile p, string id, params (string? Sku, decimal Qty)[] components)
    {
        var bundle = new BundleMapping { ChannelItemId = id };
        foreach (var (sku, qty) in components)
        {
            bundle.Components.Add(new ComponentMapping { Sku = sku, QuantityPerUnit = qty });
        }

        p.Bundles.Add(bundle);
    }

    [Fact]
    public void Compile_BadBundleComponentQuantity_NamesRuleAndFullPath()
    {
        var errors = Errors(p =>
        {
            AddBundle(p, "b0", ("A", 1m));
            AddBundle(p, "b1", ("A", 1m));
            AddBundle(p, "b2", ("A", 0m), ("B", 1m));
        });

        var error = Assert.Single(errors);
        Assert.Equal("Mapping:Channels:store-a:Bundles[2].Components[0].QuantityPerUnit", error.FieldPath);
        Assert.Contains("rule 'Bundles'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_EveryProblem_IsReportedNotOnlyTheFirst()
    {
        var errors = Errors(p =>
        {
            p.Items.Add(new ItemMapping { ChannelItemId = "1", Sku = "" });
            p.Items.Add(new ItemMapping { ChannelItemId = "2", Sku = "X", QuantityPerUnit = -1m });
            p.Items.Add(new ItemMapping { ChannelItemId = "3", Sku = "X" });
            p.Items.Add(new ItemMapping { ChannelItemId = "3", Sku = "Y" });
            AddBundle(p, "b", ("A", 1m), ("A", 2m));
            p.Bundles.Add(new BundleMapping { ChannelItemId = "empty", PackSize = 2.5m });
            p.Release.PaymentStatus["Sorta"] = ReleaseDecision.Hold;
            p.Priority.Rules.Add(new PriorityRule { Tag = "vip", Attribute = "x", Priority = 1 });
            p.Address.MaxLengths["Street"] = 10;
            p.Address.MaxLengths["City"] = 0;
            p.CustomFields.Add(new CustomFieldRule { Target = "A", Kind = CustomFieldKind.Copy, Source = "Nope" });
            p.CustomFields.Add(new CustomFieldRule { Target = "A", Kind = CustomFieldKind.Constant, Value = "x" });
            p.CustomFields.Add(new CustomFieldRule { Target = "B", Kind = CustomFieldKind.Template, Value = "{OrderNumber" });
            p.CustomFields.Add(new CustomFieldRule { Target = "C", Kind = CustomFieldKind.Lookup, Source = "Email" });
            p.Variants.Add(new VariantMapping { ParentId = "22", Sku = "V" });
        });

        Assert.Equal(
            [
                "Mapping:Channels:store-a:Items[0].Sku",
                "Mapping:Channels:store-a:Items[1].QuantityPerUnit",
                "Mapping:Channels:store-a:Items[3].ChannelItemId",
                "Mapping:Channels:store-a:Bundles[0].Components[1].Sku",
                "Mapping:Channels:store-a:Bundles[1].PackSize",
                "Mapping:Channels:store-a:Bundles[1].Components",
                "Mapping:Channels:store-a:Variants[0].Attributes",
                "Mapping:Channels:store-a:Release.PaymentStatus:Sorta",
                "Mapping:Channels:store-a:Priority.Rules[0]",
                "Mapping:Channels:store-a:Address.MaxLengths:Street",
                "Mapping:Channels:store-a:Address.MaxLengths:City",
                "Mapping:Channels:store-a:CustomFields[0].Source",
                "Mapping:Channels:store-a:CustomFields[1].Target",
                "Mapping:Channels:store-a:CustomFields[2].Value",
                "Mapping:Channels:store-a:CustomFields[3].Table",
            ],
            errors.Select(e => e.FieldPath));
    }

    [Fact]
    public void Compile_CsvCrossReference_AddsRowsAndReportsBadLines()
    {
        var path = Path.Combine(Path.GetTempPath(), $"xref-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "channelItemId,sku,quantityPerUnit,channelSku\n101,SKU-1,,S1\n102;SKU-2;6\n\"103\",\"SKU-3\",abc\n# comment\n104\n");
        try
        {
            var errors = Errors(p => p.CrossReferenceCsvPath = path);
            var good = new List<ValidationError>();
            File.WriteAllText(path, "101,SKU-1\n102;SKU-2;6\n");
            var profile = new ChannelMappingProfile { CrossReferenceCsvPath = path };
            var compiled = ProfileCompiler.Compile("store-a", profile, "Mapping", good);

            Assert.Equal(
                ["Mapping:Channels:store-a:CrossReferenceCsvPath (line 4)", "Mapping:Channels:store-a:CrossReferenceCsvPath (line 6)"],
                errors.Select(e => e.FieldPath));
            Assert.Empty(good);
            Assert.Equal([("101", "SKU-1", 1m), ("102", "SKU-2", 6m)], compiled!.ExplicitItems.Select(i => (i.ChannelItemId, i.Components[0].Sku, i.Components[0].QuantityPerUnit)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Compile_MissingCsv_NamesThePath()
    {
        var errors = Errors(p => p.CrossReferenceCsvPath = "/nowhere/xref.csv");

        Assert.Equal("Mapping:Channels:store-a:CrossReferenceCsvPath", Assert.Single(errors).FieldPath);
    }

    [Fact]
    public void Compile_CsvItemAlsoInTable_IsADuplicate()
    {
        var path = Path.Combine(Path.GetTempPath(), $"xref-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "101,SKU-1\n");
        try
        {
            var errors = Errors(p =>
            {
                p.Items.Add(new ItemMapping { ChannelItemId = "101", Sku = "SKU-9" });
                p.CrossReferenceCsvPath = path;
            });

            Assert.Contains("Items[0]", Assert.Single(errors).Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Compile_DuplicateVariantRules_Reported()
    {
        var errors = Errors(p =>
        {
            foreach (var sku in new[] { "A", "B" })
            {
                var v = new VariantMapping { ParentId = "22", Sku = sku };
                v.Attributes["size"] = "M";
                p.Variants.Add(v);
            }
        });

        Assert.Equal("Mapping:Channels:store-a:Variants[1].Attributes", Assert.Single(errors).FieldPath);
    }
}
