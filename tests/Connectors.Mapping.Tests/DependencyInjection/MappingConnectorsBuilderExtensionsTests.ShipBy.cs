using Connectors.Mapping.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connectors.Mapping.Tests.DependencyInjection;

/// <summary>Issue 20: the ship-by rule binds from JSON strictly and is validated at start.</summary>
public partial class MappingConnectorsBuilderExtensionsTests
{
    [Fact]
    public async Task AddMapping_ShipByRuleFromJson_BindsAndComputesDeadlines()
    {
        using var host = MappingHost(
            """
            {"Mapping":{"Channels":{"shop-b":{
              "ShipBy":{"HandlingTime":{"HandlingDays":2,"CutOff":"12:30","TimeZone":"Europe/Berlin",
                "WorkingDays":["Monday","Tuesday","Wednesday","Thursday","Friday","Saturday"],"Holidays":["2026-12-25"]}},
              "Priority":{"Rules":[{"ShipByWithinHours":30,"Priority":9}]}}}}}
            """,
            "shop-b");

        await host.StartAsync(Ct);

        var rule = host.Services.GetRequiredService<IOptions<MappingOptions>>().Value.Channels["shop-b"].ShipBy.HandlingTime!;
        Assert.Equal(6, rule.WorkingDays.Count);
        Assert.Equal("2026-12-25", Assert.Single(rule.Holidays));
        var calendar = host.Services.GetRequiredService<MappingProfileStore>().Find("shop-b")!.Profile.HandlingTime!;

        // Thursday 24 December 2026, 10:00 CET: Thursday counts, Friday is a holiday, so Saturday and Monday are the
        // two handling days: Monday 28 December 12:30 CET.
        Assert.Equal(
            DateTimeOffset.Parse("2026-12-28T11:30:00Z", System.Globalization.CultureInfo.InvariantCulture),
            calendar.ShipBy(DateTimeOffset.Parse("2026-12-24T10:00:00+01:00", System.Globalization.CultureInfo.InvariantCulture)));
        await host.StopAsync(Ct);
    }

    [Fact]
    public async Task AddMapping_MisspeltShipBySetting_HostFailsAtStartNamingThePath()
    {
        using var host = MappingHost("""{"Mapping":{"Channels":{"shop-b":{"ShipBy":{"HandlingTime":{"CutOf":"14:00","TimeZone":"Europe/Berlin"}}}}}}""", "shop-b");

        var error = await Assert.ThrowsAsync<ConnectorValidationException>(() => host.StartAsync(Ct));

        Assert.Equal("Mapping:Channels:shop-b:ShipBy:HandlingTime:CutOf", Assert.Single(error.Errors).FieldPath);
    }

    [Fact]
    public async Task AddMapping_UnknownTimeZone_HostFailsAtStartNamingTheField()
    {
        using var host = MappingHost("""{"Mapping":{"Channels":{"shop-b":{"ShipBy":{"HandlingTime":{"TimeZone":"Europe/Atlantis"}}}}}}""", "shop-b");

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Ct));

        var failure = Assert.Single(error.Failures);
        Assert.StartsWith("Mapping:Channels:shop-b:ShipBy.HandlingTime.TimeZone ", failure, StringComparison.Ordinal);
        Assert.Contains("Europe/Atlantis", failure, StringComparison.Ordinal);
    }
}
