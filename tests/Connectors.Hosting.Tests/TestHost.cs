using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connectors.Hosting.Tests;

/// <summary>A real ASP.NET Core host on 127.0.0.1 with the engine, a signed fake channel, a fake WMS and the workers.</summary>
internal sealed class TestHost : IAsyncDisposable
{
    public const string Secret = "test-secret";

    private TestHost(WebApplication app, SignedWebhookChannel channel, FakeWarehouse warehouse)
    {
        App = app;
        Channel = channel;
        Warehouse = warehouse;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Http = new HttpClient { BaseAddress = new Uri(address) };
    }

    public WebApplication App { get; }

    public SignedWebhookChannel Channel { get; }

    public FakeWarehouse Warehouse { get; }

    public HttpClient Http { get; }

    public ISyncStateStore Store => App.Services.GetRequiredService<ISyncStateStore>();

    /// <summary>Every log entry of the host (all levels), for tests about what was logged.</summary>
    public RecordingLoggerProvider Logs { get; private init; } = null!;

    /// <summary>
    /// Starts a host. <paramref name="channelsBefore"/> registers channels ahead of <c>store-a</c> (registration order is the
    /// order a sequential worker would serve them in).
    /// </summary>
    public static async Task<TestHost> StartAsync(
        Action<ConnectorsHostingOptions>? configure = null, Action<IServiceCollection>? services = null, Action<IConnectorsBuilder>? channelsBefore = null)
    {
        var logs = new RecordingLoggerProvider();
        var channel = new SignedWebhookChannel(new FakeChannel("store-a"), Secret);
        var warehouse = new FakeWarehouse();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        if (Environment.GetEnvironmentVariable("CONNECTORS_TEST_LOGS") is not null)
        {
            builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Debug);
        }
        builder.Services.AddSingleton<IWarehouseInventory>(warehouse);
        builder.Services.AddSingleton<IWarehouseOrders>(warehouse);
        builder.Services.AddSingleton<IWarehouseReturns>(warehouse);
        var connectors = builder.Services.AddConnectors(o => o.RetryBaseDelay = TimeSpan.FromMilliseconds(20));
        channelsBefore?.Invoke(connectors);
        connectors
            .AddChannel("store-a", "signed-fake", _ => channel)
            .AddHosting(o =>
            {
                o.IdleDelay = TimeSpan.FromMilliseconds(20);
                o.OrderPollInterval = TimeSpan.FromMilliseconds(200);
                o.MaxWebhookBodyBytes = 4096;
                configure?.Invoke(o);
            });
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapConnectorWebhooks("/webhooks");
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new TestHost(app, channel, warehouse) { Logs = logs };
    }

    public async Task<HttpResponseMessage> PostWebhookAsync(string body, string? signature = null, string channel = "store-a", string? delivery = null, bool ping = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/{channel}")
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add("X-Signature", signature ?? WebhookSignature.ComputeHmacSha256Base64(Encoding.UTF8.GetBytes(body), Secret));
        if (delivery is not null)
        {
            request.Headers.Add("X-Delivery", delivery);
        }

        if (ping)
        {
            request.Headers.Add("X-Ping", "1");
        }

        return await Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>Waits until a condition holds (the workers run in the background); fails after 15 s.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for: {what}");
            await Task.Delay(25, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
    }
}
