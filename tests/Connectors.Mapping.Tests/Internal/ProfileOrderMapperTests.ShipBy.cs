using Connectors.Mapping.Hooks;
using Connectors.Mapping.Internal;
using Connectors.Mapping.Profiles;
using static Connectors.Mapping.Tests.MappingTestKit;

namespace Connectors.Mapping.Tests.Internal;

/// <summary>Issue 20: the warehouse order's ship-by and the priority derived from it.</summary>
public partial class ProfileOrderMapperTests
{
    // ModelFactory.Epoch is the order's CreatedAt in MappingTestKit.Order.
    private static void HandlingTime(ChannelMappingProfile p, int days = 1)
    {
        Catalogue(p);
        p.ShipBy.HandlingTime = new HandlingTimeRule { HandlingDays = days, CutOff = "14:00", TimeZone = "Europe/Berlin" };
    }

    [Fact]
    public async Task MapOrder_NoChannelShipBy_RuleComputesIt()
    {
        var mapper = Mapper(p => HandlingTime(p));
        var order = Order([("plain", 1)]);
        var calendar = Store(p => HandlingTime(p)).Find(Channel)!.Profile.HandlingTime!;

        var result = await mapper.MapOrderAsync(order, Ct);

        Assert.NotNull(result.Order.ShipBy);
        Assert.Equal(calendar.ShipBy(order.CreatedAt), result.Order.ShipBy);
        Assert.True(result.Order.ShipBy > order.CreatedAt);
    }

    [Fact]
    public async Task MapOrder_ChannelShipBy_WinsOverTheRuleByDefault()
    {
        var mapper = Mapper(p => HandlingTime(p));
        var channelDeadline = Testing.ModelFactory.Epoch.AddDays(5);
        var order = Order([("plain", 1)]) with { ShipBy = channelDeadline };

        var result = await mapper.MapOrderAsync(order, Ct);

        Assert.Equal(channelDeadline, result.Order.ShipBy);
    }

    [Fact]
    public async Task MapOrder_PreferChannelFalse_RuleWins()
    {
        var mapper = Mapper(p =>
        {
            HandlingTime(p);
            p.ShipBy.PreferChannel = false;
        });
        var order = Order([("plain", 1)]) with { ShipBy = Testing.ModelFactory.Epoch.AddDays(5) };

        var result = await mapper.MapOrderAsync(order, Ct);

        Assert.NotEqual(order.ShipBy, result.Order.ShipBy);
        Assert.NotNull(result.Order.ShipBy);
    }

    [Fact]
    public async Task MapOrder_NoRuleNoChannelShipBy_HasNone()
    {
        var mapper = Mapper(Catalogue);

        var result = await mapper.MapOrderAsync(Order([("plain", 1)]), Ct);

        Assert.Null(result.Order.ShipBy);
    }

    [Fact]
    public async Task MapOrder_ShipByPriorityRule_RaisesOrdersWithAShortHandlingWindow()
    {
        var mapper = Mapper(p =>
        {
            Catalogue(p);
            p.Priority.Default = 1;
            p.Priority.Rules.Add(new PriorityRule { ShipByWithinHours = 24, Priority = 50 });
            p.Priority.Rules.Add(new PriorityRule { Tag = "vip", Priority = 10 });
        });
        var placed = Testing.ModelFactory.Epoch;

        var urgent = await mapper.MapOrderAsync(Order([("plain", 1)]) with { ShipBy = placed.AddHours(20) }, Ct);
        var edge = await mapper.MapOrderAsync(Order([("plain", 1)]) with { ShipBy = placed.AddHours(24) }, Ct);
        var relaxed = await mapper.MapOrderAsync(Order([("plain", 1)], tags: ["vip"]) with { ShipBy = placed.AddHours(72) }, Ct);
        var none = await mapper.MapOrderAsync(Order([("plain", 1)]), Ct);

        Assert.Equal([50, 50, 10, 1], new[] { urgent, edge, relaxed, none }.Select(r => r.Order.Priority));
    }

    [Fact]
    public async Task MapOrder_Hook_SeesAndCanChangeShipBy()
    {
        var moved = Testing.ModelFactory.Epoch.AddDays(9);
        DateTimeOffset? seen = null;
        var store = Store(p => HandlingTime(p));
        var mapper = Mapper(store, new DelegateOrderMappingHook((context, _) =>
        {
            seen = context.ShipBy;
            context.ShipBy = moved;
            return ValueTask.CompletedTask;
        }));

        var result = await mapper.MapOrderAsync(Order([("plain", 1)]), Ct);

        Assert.NotNull(seen);
        Assert.Equal(moved, result.Order.ShipBy);
    }

    [Fact]
    public void Compile_BadShipByRule_NamesEachField()
    {
        var profile = new ChannelMappingProfile();
        profile.ShipBy.HandlingTime = new HandlingTimeRule { HandlingDays = -1, CutOff = "2pm", TimeZone = "Mars/Olympus" };
        profile.ShipBy.HandlingTime.WorkingDays.Add((DayOfWeek)9);
        profile.ShipBy.HandlingTime.Holidays.Add("25.12.2026");
        profile.Priority.Rules.Add(new PriorityRule { ShipByWithinHours = 0, Priority = 1 });
        profile.Priority.Rules.Add(new PriorityRule { ShipByWithinHours = 4, Tag = "x", Priority = 1 });
        var errors = new List<ValidationError>();

        Assert.Null(ProfileCompiler.Compile("store-a", profile, "Mapping", errors));

        Assert.Equal(
            [
                "Mapping:Channels:store-a:Priority.Rules[0].ShipByWithinHours",
                "Mapping:Channels:store-a:Priority.Rules[1]",
                "Mapping:Channels:store-a:ShipBy.HandlingTime.HandlingDays",
                "Mapping:Channels:store-a:ShipBy.HandlingTime.CutOff",
                "Mapping:Channels:store-a:ShipBy.HandlingTime.TimeZone",
                "Mapping:Channels:store-a:ShipBy.HandlingTime.WorkingDays[0]",
                "Mapping:Channels:store-a:ShipBy.HandlingTime.Holidays[0]",
            ],
            errors.Select(e => e.FieldPath));
        Assert.Contains("Mars/Olympus", errors[4].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_MissingTimeZone_IsRequired()
    {
        var profile = new ChannelMappingProfile();
        profile.ShipBy.HandlingTime = new HandlingTimeRule();
        var errors = new List<ValidationError>();

        ProfileCompiler.Compile("store-a", profile, "Mapping", errors);

        var error = Assert.Single(errors);
        Assert.Equal("Mapping:Channels:store-a:ShipBy.HandlingTime.TimeZone", error.FieldPath);
        Assert.Contains("required", error.Message, StringComparison.Ordinal);
    }
}
