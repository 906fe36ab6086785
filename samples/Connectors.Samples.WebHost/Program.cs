using Connectors;
using Connectors.Samples.WebHost;

// A webhook-and-health host for a WMS: orders arrive at POST /webhooks/{channel} (and by polling as a safety net),
// go through the durable inbox into your WMS; stock and shipments flow back through IConnectorEvents.
// Settings: appsettings.json, environment variables (Connectors__Shopify__AccessToken=...) or user-secrets.
var builder = WebApplication.CreateBuilder(args);

// Your WMS behind the three ports the engine calls. InMemoryWarehouse stands in for it: replace it with yours.
builder.Services.AddSingleton<InMemoryWarehouse>();
builder.Services.AddSingleton<IWarehouseInventory>(sp => sp.GetRequiredService<InMemoryWarehouse>());
builder.Services.AddSingleton<IWarehouseOrders>(sp => sp.GetRequiredService<InMemoryWarehouse>());
builder.Services.AddSingleton<IWarehouseReturns>(sp => sp.GetRequiredService<InMemoryWarehouse>());

var settings = builder.Configuration.GetSection("Connectors");
var connectors = builder.Services
    .AddConnectors(settings.GetSection("Engine"))   // retries, leases, order and inventory policy
    .UseSqlite(settings.GetSection("Sqlite"))       // durable state: inbox, outbox, cursors, dead letters
    .AddMapping(settings.GetSection("Mapping"))     // which shop item is which WMS SKU, per channel (docs/mapping.md)
    .AddHosting(settings.GetSection("Hosting"));    // background workers, webhook receiver, "connectors" health check

// Each shop is added when its section is filled in; its name is its webhook path: /webhooks/shopify, /webhooks/woocommerce.
var shopify = !string.IsNullOrEmpty(settings["Shopify:ShopDomain"]) || !string.IsNullOrEmpty(settings["Shopify:BaseAddress"]);
var woo = !string.IsNullOrEmpty(settings["WooCommerce:BaseUrl"]);
if (shopify)
{
    connectors.AddShopify("shopify", settings.GetSection("Shopify"));
}

if (woo)
{
    connectors.AddWooCommerce("woocommerce", settings.GetSection("WooCommerce"));
}

// A mapping profile for a channel that is not registered stops the host at start (it is usually a misspelt channel
// name); the sample ships a profile for both shops, so it leaves out the profile of a shop that is not filled in.
connectors.AddMapping(o =>
{
    if (!shopify)
    {
        o.Channels.Remove("shopify");
    }

    if (!woo)
    {
        o.Channels.Remove("woocommerce");
    }
});

var app = builder.Build();
if (!shopify && !woo)
{
    app.Logger.LogWarning("No shop configured: fill in Connectors:Shopify or Connectors:WooCommerce (appsettings.json, user-secrets or environment variables).");
}

app.MapConnectorWebhooks("/webhooks");
app.MapHealthChecks("/health");
app.Run();
