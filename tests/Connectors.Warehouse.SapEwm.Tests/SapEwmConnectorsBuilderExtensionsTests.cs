using Connectors.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Connectors.Testing.SapEwm;

namespace Connectors.Warehouse.SapEwm.Tests;

public sealed class SapEwmConnectorsBuilderExtensionsTests
{
    private static void Valid(SapEwmOptions o)
    {
        o.Host = new Uri("https://my-s4.example.com");
        o.UserName = "COMM";
        o.Password = "secret";
        o.Warehouses.Add("1710");
        o.SalesOrganization = "1710";
        o.DistributionChannel = "10";
        o.OrganizationDivision = "00";
        o.SoldToParty = "17100001";
    }

    private static OptionsValidationException Invalid(Action<SapEwmOptions> change)
    {
        var services = new ServiceCollection();
        services.AddConnectors().AddSapEwm(o => { Valid(o); change(o); });
        using var provider = services.BuildServiceProvider();
        return Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<SapEwmOptions>>().Get(Options.DefaultName));
    }

    [Fact]
    public void AddSapEwm_ValidOptions_RegistersTheWarehousePorts()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddConnectors().AddSapEwm(Valid);
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        var warehouse = provider.GetRequiredService<SapEwmWarehouse>();
        Assert.Same(warehouse, provider.GetRequiredService<IWarehouseInventory>());
        Assert.Same(warehouse, provider.GetRequiredService<IWarehouseOrders>());
        Assert.NotNull(provider.GetRequiredService<SapEwmShipmentPoller>());
    }

    [Fact]
    public void AddSapEwm_CalledTwice_RegistersOnce()
    {
        var services = new ServiceCollection();
        var builder = services.AddConnectors();
        builder.AddSapEwm(Valid);
        var count = services.Count;

        builder.AddSapEwm(o => o.SapClient = "200");

        Assert.Equal(count + 1, services.Count); // only the second Configure
        using var provider = services.BuildServiceProvider();
        Assert.Single(provider.GetServices<IWarehouseOrders>());
        Assert.Equal("200", provider.GetRequiredService<IOptions<SapEwmOptions>>().Value.SapClient);
    }

    [Fact]
    public void AddSapEwm_ConfigurationSection_BindsOptions()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sap:Host"] = "https://my-s4.example.com",
            ["Sap:SapClient"] = "100",
            ["Sap:UserName"] = "COMM",
            ["Sap:Password"] = "secret",
            ["Sap:Warehouses:0"] = "1710",
            ["Sap:Warehouses:1"] = "1720",
            ["Sap:AvailableStockTypes:0"] = "F2",
            ["Sap:SalesOrganization"] = "1710",
            ["Sap:DistributionChannel"] = "10",
            ["Sap:OrganizationDivision"] = "00",
            ["Sap:SoldToParty"] = "17100001",
            ["Sap:ShipToPartnerFunction"] = "WE",
            ["Sap:TrackingSource"] = "MasterBillOfLading",
            ["Sap:CarrierNames:17300001"] = "UPS",
        }).Build();
        var services = new ServiceCollection();
        services.AddConnectors().AddSapEwm(configuration.GetSection("Sap"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<SapEwmOptions>>().Value;

        Assert.Equal(["1710", "1720"], options.Warehouses);
        Assert.Equal(["F2"], options.EffectiveStockTypes);
        Assert.Equal("WE", options.ShipToPartnerFunction);
        Assert.Equal(SapTrackingSource.MasterBillOfLading, options.TrackingSource);
        Assert.Equal("UPS", options.CarrierNames["17300001"]);
    }

    [Fact]
    public void Options_Defaults_UnrestrictedUseStockOnlyAndPinnedServicePaths()
    {
        var options = new SapEwmOptions();

        Assert.Equal(["F1", "F2"], options.EffectiveStockTypes);
        Assert.EndsWith("/warehouseavailablestock/0001/", options.AvailableStockServicePath, StringComparison.Ordinal);
        Assert.EndsWith("/warehouseoutbdeliveryorder/0001/", options.OutboundDeliveryOrderServicePath, StringComparison.Ordinal);
        Assert.Equal(SapEwmEmulator.SalesOrderServicePath, options.SalesOrderServicePath);
        Assert.Equal("SH", options.ShipToPartnerFunction);
    }

    [Theory]
    [InlineData("Host is 'http://my-s4.example.com/' (plain HTTP)")]
    public void Validate_PlainHttpHost_Refused(string expected) =>
        Assert.Contains(Invalid(o => o.Host = new Uri("http://my-s4.example.com")).Failures, f => f.Contains(expected, StringComparison.Ordinal) || f.Contains("plain HTTP", StringComparison.Ordinal));

    [Fact]
    public void Validate_Settings_MessagesNameSettingValueAndWhatIsValid()
    {
        var failures = Invalid(o =>
        {
            o.SapClient = "1";
            o.Warehouses.Clear();
            o.AvailableStockTypes.Add("UNRESTRICTED");
            o.ShipToPartnerFunction = "SHIP";
            o.RejectionReason = "123";
            o.SoldToParty = "12345678901";
            o.Password = null;
        }).Failures.ToList();

        Assert.Contains(failures, f => f.Contains("SapClient is '1' but must be three digits", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Warehouses is empty", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("AvailableStockTypes[0] is 'UNRESTRICTED'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("ShipToPartnerFunction is 'SHIP'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("RejectionReason is '123'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("SoldToParty is '12345678901' (11 characters)", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("UserName and Password", StringComparison.Ordinal));
        Assert.DoesNotContain(failures, f => f.Contains("secret", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_OAuthWithoutEndpoint_Refused() =>
        Assert.Contains(
            Invalid(o => { o.Authentication = SapAuthenticationMode.OAuthClientCredentials; o.ClientId = "id"; o.ClientSecret = "s"; }).Failures,
            f => f.Contains("TokenEndpoint must be an absolute https URL", StringComparison.Ordinal));

    [Fact]
    public void Validate_MissingRequired_NamesTheSettings()
    {
        var failures = Invalid(o => { o.Host = null; o.SalesOrganization = null; }).Failures.ToList();

        Assert.Contains(failures, f => f.Contains("Host", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("SalesOrganization", StringComparison.Ordinal));
    }
}
