using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Testing.Magento.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Connectors.Testing.Magento;

/// <summary>Routing, authentication, faults and the catalogue and inventory endpoints.</summary>
public sealed partial class MagentoEmulator
{
    private static readonly TimeSpan TimestampWindow = TimeSpan.FromSeconds(600);

    private async Task HandleAsync(HttpContext context)
    {
        var arrived = Stopwatch.GetTimestamp();
        var store = (string)context.Request.RouteValues["store"]!;
        var path = "/V1/" + (string?)context.Request.RouteValues["path"];
        var bulk = context.Request.Path.Value?.Contains("/async/bulk/V1/", StringComparison.Ordinal) == true;
        var method = context.Request.Method;
        string? body = null;
        if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        }

        var query = context.Request.Query.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? string.Empty))).ToList();
        MagentoEmulatorFault? fault = null;
        var request = new MagentoEmulatorRequest
        {
            Method = method,
            Path = bulk ? "/async/bulk" + path : path,
            Query = query,
            Body = body,
        };
        lock (_gate)
        {
            _requests.Add(request);
            var index = _faults.FindIndex(f => f.Path is null || path.EndsWith(f.Path, StringComparison.Ordinal));
            if (index >= 0)
            {
                fault = _faults[index].Fault;
                _faults.RemoveAt(index);
            }
        }

        // Outside the lock: the hook may change the store through the emulator's own methods.
        BeforeHandling?.Invoke(request);
        if (fault is MagentoEmulatorFault.ConnectionReset)
        {
            context.Features.Get<IHttpRequestLifetimeFeature>()?.Abort();
            return;
        }

        if (fault is MagentoEmulatorFault.MaintenancePage or MagentoEmulatorFault.InternalError)
        {
            await WaitOutLatencyAsync(arrived, context.RequestAborted).ConfigureAwait(false);
            await WriteFaultAsync(context, fault.Value).ConfigureAwait(false);
            return;
        }

        Answer answer;
        JsonNode? parsed = null;
        try
        {
            parsed = body is null ? null : JsonNode.Parse(body);
        }
        catch (JsonException ex)
        {
            answer = Answer.Error(400, "Decoding error: \n%1", new JsonArray(ex.Message));
            await WriteAsync(context, answer, arrived, null).ConfigureAwait(false);
            return;
        }

        lock (_gate)
        {
            answer = !StoreCodes.Contains(store) ? Answer.Error(400, "Requested store is not found")
                : method == "POST" && path == "/V1/integration/admin/token" ? AdminToken(parsed)
                : Authenticate(context) is { } refused ? refused
                : bulk ? AsyncBulk(method, path, parsed)
                : RouteInStore(store, method, path, query, parsed);
        }

        if (fault is MagentoEmulatorFault.LostAnswer)
        {
            context.Features.Get<IHttpRequestLifetimeFeature>()?.Abort();
            return;
        }

        await WriteAsync(context, answer, arrived, fault).ConfigureAwait(false);
    }

    private Answer RouteInStore(string store, string method, string path, List<KeyValuePair<string, string>> query, JsonNode? body)
    {
        _requestStoreId = StoreId(store); // product reads show the prices of the store view in the URL
        return RoutePrices(method, path, body) ?? Route(method, path, query, body);
    }

    private Answer Route(string method, string path, List<KeyValuePair<string, string>> query, JsonNode? body)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (!MsiEnabled && segments.Length > 1 && segments[1] == "inventory")
        {
            return Answer.Error(404, "Request does not match any route.");
        }

        switch (method, segments.Length > 1 ? segments[1] : string.Empty)
        {
            case ("GET", "inventory") when path == "/V1/inventory/source-items":
                return Search(query, _sourceItems.Select(kv => new JsonObject { ["sku"] = kv.Key.Sku, ["source_code"] = kv.Key.Source, ["quantity"] = kv.Value.Quantity, ["status"] = kv.Value.Status }));
            case ("POST", "inventory") when path == "/V1/inventory/source-items":
                return SaveSourceItems(body);
            case ("GET", "inventory") when segments.Length == 5 && segments[2] == "get-product-salable-quantity":
                return Answer.Json(JsonValue.Create(SalableLocked(Uri.UnescapeDataString(segments[3]))));
            case ("GET", "inventory") when path == "/V1/inventory/sources":
                return Search(query, _sources.Select(s => new JsonObject { ["source_code"] = s, ["name"] = s, ["enabled"] = true, ["country_id"] = "NL", ["postcode"] = "3511 AA" }));
            case ("PUT", "products") when segments.Length == 3:
                return SaveProduct(Uri.UnescapeDataString(segments[2]), body);
            case ("GET", "products") when segments.Length == 2:
                return Search(query, _products.Values.OrderBy(p => p.Id).Select(ProductJson), f => f == "entity_id" ? "id" : f);
            case ("GET", "orders") when segments.Length == 2:
                return Search(query, _orders.Values.OrderBy(o => o.EntityId).Select(OrderJson));
            case ("GET", "orders") when segments.Length == 3 && long.TryParse(segments[2], CultureInfo.InvariantCulture, out var id):
                return _orders.TryGetValue(id, out var order) ? Answer.Json(OrderJson(order)) : Answer.NoSuchEntity();
            case ("POST", "orders") when segments.Length == 4 && segments[3] == "comments" && long.TryParse(segments[2], CultureInfo.InvariantCulture, out var id):
                return AddComment(id, body);
            case ("POST", "order") when segments.Length == 4 && segments[3] == "ship" && long.TryParse(segments[2], CultureInfo.InvariantCulture, out var id):
                return Ship(id, body);
            case ("GET", "shipment") when segments.Length == 3 && long.TryParse(segments[2], CultureInfo.InvariantCulture, out var id):
                return _shipments.TryGetValue(id, out var shipment) ? Answer.Json(ShipmentJson(shipment)) : Answer.NoSuchEntity();
            case ("POST", "shipment") when path == "/V1/shipment/track":
                return AddTrack(body);
            case ("GET", "shipments") when segments.Length == 2:
                return Search(query, _shipments.Values.OrderBy(s => s.EntityId).Select(ShipmentJson));
            default:
                return RouteReturns(method, path, segments, query, body) ?? RouteStock(method, path, segments, query, body) ?? Answer.Error(404, "Request does not match any route.");
        }
    }

    private Answer Search(List<KeyValuePair<string, string>> query, IEnumerable<JsonObject> rows, Func<string, string>? alias = null)
    {
        SearchQuery criteria;
        try
        {
            criteria = SearchQuery.Parse(query);
        }
        catch (FormatException)
        {
            return Answer.Error(400, "The search criteria are not valid.");
        }

        if (criteria.PageSize > MaxPageSize)
        {
            return Answer.Error(400, "Maximum SearchCriteria pageSize is %max", new JsonObject { ["max"] = MaxPageSize });
        }

        var (page, total) = criteria.Apply(rows, alias);
        return Answer.Json(new JsonObject
        {
            ["items"] = new JsonArray(page.Select(p => (JsonNode)p).ToArray()),
            ["search_criteria"] = criteria.Echo(),
            ["total_count"] = total,
        });
    }

    /// <summary>POST /V1/inventory/source-items: every item validated, then all saved in one transaction or none.</summary>
    private Answer SaveSourceItems(JsonNode? body)
    {
        if (body?["sourceItems"] is not JsonArray items)
        {
            return Answer.Required("sourceItems");
        }

        var valid = new List<(string Sku, string Source, decimal Quantity, int Status)>();
        var errors = new JsonArray();
        foreach (var item in items)
        {
            var sku = item?["sku"]?.GetValue<string>();
            var source = item?["source_code"]?.GetValue<string>();
            if (string.IsNullOrWhiteSpace(sku))
            {
                errors.Add(new JsonObject { ["message"] = "\"%field\" can not be empty.", ["parameters"] = new JsonObject { ["field"] = "sku" } });
                continue;
            }

            if (string.IsNullOrWhiteSpace(source) || !_sources.Contains(source))
            {
                errors.Add(new JsonObject { ["message"] = "Source with code \"%code\" does not exist.", ["parameters"] = new JsonObject { ["code"] = source } });
                continue;
            }

            if (!_products.ContainsKey(sku))
            {
                errors.Add(new JsonObject { ["message"] = "The product with SKU \"%sku\" does not exist.", ["parameters"] = new JsonObject { ["sku"] = sku } });
                continue;
            }

            if (item!["quantity"] is not JsonValue q || !q.TryGetValue<decimal>(out var quantity))
            {
                errors.Add(new JsonObject { ["message"] = "\"%field\" should be numeric.", ["parameters"] = new JsonObject { ["field"] = "quantity" } });
                continue;
            }

            var status = item["status"] is JsonValue s && s.TryGetValue<int>(out var st) ? st : -1;
            if (status is not (0 or 1))
            {
                errors.Add(new JsonObject { ["message"] = "\"%field\" should be one of the following: %values.", ["parameters"] = new JsonObject { ["field"] = "status", ["values"] = "0, 1" } });
                continue;
            }

            valid.Add((sku, source, quantity, status));
        }

        if (errors.Count > 0)
        {
            return new Answer(400, new JsonObject { ["message"] = "Validation Failed", ["errors"] = errors });
        }

        foreach (var (sku, source, quantity, status) in valid)
        {
            _sourceItems[(sku, source)] = (quantity, status);
        }

        return Answer.Json(new JsonArray());
    }

    private JsonObject ProductJson(EmuProduct product)
    {
        var child = _products.Values.Any(p => p.Children.Contains(product.Id));
        var json = new JsonObject
        {
            ["id"] = product.Id, ["sku"] = product.Sku, ["name"] = product.Name, ["attribute_set_id"] = 4, ["price"] = BasePriceLocked(product.Sku, _requestStoreId),
            ["status"] = product.EnabledIn(_requestStoreId) ? 1 : 2, ["visibility"] = product.Visibility ?? (child ? 1 : 4), ["type_id"] = product.TypeId,
            ["created_at"] = "2026-01-01 00:00:00", ["updated_at"] = "2026-01-01 00:00:00",
        };
        var extension = new JsonObject();
        if (product.TypeId == "configurable")
        {
            extension["configurable_product_links"] = new JsonArray(product.Children.Select(c => (JsonNode)JsonValue.Create(c)).ToArray());
        }
        else if (product.TypeId is not ("bundle" or "grouped"))
        {
            // MSI keeps the legacy stock item in step with the default source.
            var (qty, inStock) = MsiEnabled
                ? (_sourceItems.TryGetValue((product.Sku, "default"), out var item) ? (item.Quantity, item.Status == 1 && item.Quantity > 0) : (0m, false))
                : (_legacyStock.TryGetValue(product.Sku, out var legacy) ? (legacy.Qty, legacy.InStock) : (0m, false));
            extension["stock_item"] = StockItemJson(product.Id, _legacyStock.TryGetValue(product.Sku, out var known) ? known.ItemId : product.Id, qty, inStock);
        }

        json["extension_attributes"] = extension;
        var attributes = ProductCustomAttributes(product);
        if (attributes.Count > 0)
        {
            json["custom_attributes"] = attributes;
        }

        return json;
    }

    /// <summary>POST /V1/integration/admin/token: a token for the admin user's name and password, as a JSON string.</summary>
    private Answer AdminToken(JsonNode? body)
    {
        var username = body?["username"]?.GetValue<string>();
        var password = body?["password"]?.GetValue<string>();
        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password))
        {
            return Answer.Error(400, "One or more input exceptions have occurred.");
        }

        if (username != AdminUsername || password != AdminPassword)
        {
            return Answer.Error(401, "The account sign-in was incorrect or your account is disabled temporarily. Please wait and try again later.");
        }

        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _adminTokens[token] = _time.GetUtcNow();
        AdminTokensIssued++;
        return Answer.Json(JsonValue.Create(token));
    }

    private Answer? Authenticate(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = header[7..].Trim();
            if (_adminTokens.TryGetValue(token, out var issued))
            {
                return _time.GetUtcNow() - issued < AdminTokenLifetime ? null : Answer.Unauthorized("Magento_Backend::admin");
            }

            return token == AccessToken && AllowIntegrationBearerTokens ? null : Answer.Unauthorized("Magento_Backend::admin");
        }

        var oauth = OAuthVerifier.ParseHeader(header);
        if (oauth is null)
        {
            return Answer.Unauthorized("Magento_Backend::admin");
        }

        foreach (var required in new[] { "oauth_consumer_key", "oauth_token", "oauth_signature_method", "oauth_signature", "oauth_nonce", "oauth_timestamp" })
        {
            if (!oauth.ContainsKey(required))
            {
                return Answer.Error(401, "oauth_problem=parameter_absent&oauth_parameters_absent=" + required);
            }
        }

        if (oauth.TryGetValue("oauth_version", out var version) && version != "1.0")
        {
            return Answer.Error(401, "oauth_problem=version_rejected");
        }

        if (oauth["oauth_consumer_key"] != ConsumerKey)
        {
            return Answer.Error(401, "oauth_problem=consumer_key_rejected");
        }

        if (oauth["oauth_token"] != AccessToken)
        {
            return Answer.Error(401, "oauth_problem=token_rejected");
        }

        if (!long.TryParse(oauth["oauth_timestamp"], NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp)
            || (_time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(timestamp)).Duration() > TimestampWindow)
        {
            return Answer.Error(401, "oauth_problem=timestamp_refused");
        }

        if (!_nonces.Add(oauth["oauth_consumer_key"] + "\n" + oauth["oauth_timestamp"] + "\n" + oauth["oauth_nonce"]))
        {
            return Answer.Error(401, "oauth_problem=nonce_used");
        }

        var request = context.Request;
        var baseString = OAuthVerifier.BaseString(
            request.Method, request.Scheme, request.Host.Value ?? string.Empty, request.PathBase.Add(request.Path).ToUriComponent(), request.QueryString.HasValue ? request.QueryString.Value![1..] : string.Empty, oauth);
        return OAuthVerifier.Verify(baseString, oauth["oauth_signature_method"], oauth["oauth_signature"], ConsumerSecret, AccessTokenSecret)
            ? null
            : Answer.Error(401, "oauth_problem=signature_invalid");
    }

    private async Task WriteAsync(HttpContext context, Answer answer, long arrived, MagentoEmulatorFault? fault)
    {
        var text = answer.Body?.ToJsonString() ?? "null";
        if (fault is MagentoEmulatorFault.PhpNotice)
        {
            text = "<br />\n<b>Deprecated</b>:  Creation of dynamic property is deprecated in <b>/var/www/vendor/magento/module/Model.php</b> on line <b>42</b><br />\n" + text;
        }

        await WaitOutLatencyAsync(arrived, context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(text, context.RequestAborted).ConfigureAwait(false);
    }

    private static Task WriteFaultAsync(HttpContext context, MagentoEmulatorFault fault)
    {
        if (fault == MagentoEmulatorFault.MaintenancePage)
        {
            context.Response.StatusCode = 503;
            context.Response.ContentType = "text/html; charset=UTF-8";
            return context.Response.WriteAsync("<!doctype html>\n<html><head><title>Error 503: Service Unavailable</title></head><body><h1>Service Temporarily Unavailable</h1><p>The server is temporarily unable to service your request due to maintenance downtime or capacity problems. Please try again later.</p></body></html>");
        }

        context.Response.StatusCode = 500;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync("{\"message\":\"Internal Error. Details are available in Magento log file. Report ID: webapi-6563a5b1c8e4d\"}");
    }

    private async Task WaitOutLatencyAsync(long arrived, CancellationToken cancellationToken)
    {
        var left = Latency - Stopwatch.GetElapsedTime(arrived);
        if (left > TimeSpan.Zero)
        {
            await Task.Delay(left, cancellationToken).ConfigureAwait(false);
        }
    }
}
