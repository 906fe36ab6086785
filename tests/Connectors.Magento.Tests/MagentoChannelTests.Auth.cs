using Connectors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Connectors.Testing.Magento;

namespace Connectors.Magento.Tests;

public sealed partial class MagentoChannelTests
{
    [Fact]
    public async Task PushInventory_OAuth1Integration_IsAcceptedByTheEmulatorsRfc5849Check()
    {
        _emulator.AddProduct("SKU-1");
        await using var services = TestHost.ForEmulator(_emulator, o => o.CompensateReservations = false, _time);

        var results = await services.Magento().PushInventoryAsync([new InventoryTarget("SKU-1", InventoryTarget.DefaultLocation, 5)], Ct);

        Assert.Equal(PushOutcome.Applied, Assert.Single(results).Outcome);
        Assert.Equal(5m, _emulator.GetSourceQuantity("SKU-1", "default"));
    }

    [Fact]
    public async Task PushInventory_OAuth1WithHmacSha1_IsAccepted()
    {
        _emulator.AddProduct("SKU-1");
        await using var services = TestHost.ForEmulator(_emulator, o => { o.CompensateReservations = false; o.SignatureMethod = MagentoSignatureMethod.HmacSha1; }, _time);

        var results = await services.Magento().PushInventoryAsync([new InventoryTarget("SKU-1", InventoryTarget.DefaultLocation, 5)], Ct);

        Assert.Equal(PushOutcome.Applied, Assert.Single(results).Outcome);
    }

    [Fact]
    public async Task AnyRequest_WrongTokenSecret_ThrowsAuthenticationError()
    {
        await using var services = TestHost.ForEmulator(_emulator, o => o.AccessTokenSecret = "not-the-secret", _time);

        var error = await Assert.ThrowsAsync<ConnectorAuthenticationException>(() => services.Magento().GetOrderAsync("1", Ct));

        Assert.Contains("signature_invalid", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-secret", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyRequest_CredentialsRotated_NextRequestUsesTheNewOnesWithoutRestart()
    {
        var secret = _emulator.AccessTokenSecret;
        await using var services = TestHost.ForEmulator(_emulator, o => o.AccessTokenSecret = secret, _time);
        Assert.Null(await services.Magento().GetOrderAsync("42", Ct));

        _emulator.AccessTokenSecret = secret = "rotated-token-secret-0000000000000";
        await Assert.ThrowsAsync<ConnectorAuthenticationException>(() => services.Magento().GetOrderAsync("42", Ct));
        services.ReloadOptions();

        Assert.Null(await services.Magento().GetOrderAsync("42", Ct));
    }

    [Fact]
    public async Task AnyRequest_IntegrationTokenAsBearer_IsRefusedUnlessTheStoreAllowsIt()
    {
        await using var services = TestHost.Build(o => { o.BaseUrl = _emulator.BaseUrl; o.AccessToken = _emulator.AccessToken; }, _time);

        await Assert.ThrowsAsync<ConnectorAuthenticationException>(() => services.Magento().GetOrderAsync("1", Ct));
        _emulator.AllowIntegrationBearerTokens = true;

        Assert.Null(await services.Magento().GetOrderAsync("1", Ct));
    }

    [Fact]
    public async Task AnyRequest_AdminUser_TokenReusedThenRenewedBeforeItsFourHoursEnd()
    {
        await using var services = AdminStore();
        var channel = services.Magento();

        await channel.GetOrderAsync("1", Ct);
        await channel.GetOrderAsync("1", Ct);
        Assert.Equal(1, _emulator.AdminTokensIssued);

        _time.Advance(TimeSpan.FromHours(4) - TimeSpan.FromMinutes(4)); // inside the five minutes of RenewBefore
        await channel.GetOrderAsync("1", Ct);

        Assert.Equal(2, _emulator.AdminTokensIssued);
    }

    [Fact]
    public async Task AnyRequest_AdminTokenExpiredEarly_RenewedOnceOn401AndTheRequestSucceeds()
    {
        await using var services = AdminStore();
        var channel = services.Magento();
        await channel.GetOrderAsync("1", Ct);
        _emulator.AdminTokenLifetime = TimeSpan.FromHours(1); // the store's lifetime is shorter than configured
        _time.Advance(TimeSpan.FromHours(2));

        Assert.Null(await channel.GetOrderAsync("1", Ct));

        Assert.Equal(2, _emulator.AdminTokensIssued);
    }

    [Fact]
    public async Task AnyRequest_AdminPasswordWrong_ThrowsAuthenticationErrorWithoutThePassword()
    {
        await using var services = AdminStore(o => o.Password = "wrong-password-123");

        var error = await Assert.ThrowsAsync<ConnectorAuthenticationException>(() => services.Magento().GetOrderAsync("1", Ct));

        Assert.Contains("sign-in was incorrect", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-password-123", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_NoCredentials_FailsValidationNamingTheSetting()
    {
        await using var services = TestHost.Build(o => o.BaseUrl = _emulator.BaseUrl);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptionsMonitor<MagentoOptions>>().Get(TestHost.Channel));

        Assert.Contains("AccessToken is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_OAuthMissingTokenSecret_FailsValidation()
    {
        await using var services = TestHost.Build(o => { o.BaseUrl = _emulator.BaseUrl; o.ConsumerKey = "k"; o.ConsumerSecret = "s"; o.AccessToken = "t"; });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptionsMonitor<MagentoOptions>>().Get(TestHost.Channel));

        Assert.Contains("AccessTokenSecret is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyRequest_ConnectionReset_IsATransientConnectorError()
    {
        await using var services = TestHost.ForEmulator(_emulator, time: _time);
        _emulator.InjectFault(MagentoEmulatorFault.ConnectionReset);

        var error = await Assert.ThrowsAnyAsync<ConnectorRequestFailedException>(() => services.Magento().GetOrderAsync("1", Ct));

        Assert.True(error.IsTransient);
    }

    [Fact]
    public async Task AnyRequest_MaintenancePage_IsATransientErrorQuotingThePage()
    {
        await using var services = TestHost.ForEmulator(_emulator, time: _time);
        _emulator.InjectFault(MagentoEmulatorFault.MaintenancePage);

        var error = await Assert.ThrowsAnyAsync<ConnectorRequestFailedException>(() => services.Magento().GetOrderAsync("1", Ct));

        Assert.True(error.IsTransient);
        Assert.Equal(503, error.StatusCode);
        Assert.Contains("Service Temporarily Unavailable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyRequest_PhpNoticeBeforeJson_IsRead()
    {
        var id = _emulator.PlaceOrder([MagentoEmulatorLine.Simple("SKU-1", 1)]);
        await using var services = TestHost.ForEmulator(_emulator, time: _time);
        _emulator.InjectFault(MagentoEmulatorFault.PhpNotice);

        var order = await services.Magento().GetOrderAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture), Ct);

        Assert.NotNull(order);
    }

    private ServiceProvider AdminStore(Action<MagentoOptions>? configure = null) => TestHost.Build(
        o =>
        {
            o.BaseUrl = _emulator.BaseUrl;
            o.Username = _emulator.AdminUsername;
            o.Password = _emulator.AdminPassword;
            configure?.Invoke(o);
        },
        _time);
}
