using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Testing.WooCommerce.Internal;
using Microsoft.AspNetCore.Http;

namespace Connectors.Testing.WooCommerce;

/// <summary>The REST routes of the emulator.</summary>
public sealed partial class WooCommerceEmulator
{
    private static readonly string[] OrderStatuses = ["auto-draft", "pending", "processing", "on-hold", "completed", "cancelled", "refunded", "failed", "checkout-draft"];

    private string ApiBase => BaseUrl.ToString();

    private async Task HandleAsync(HttpContext context)
    {
        var arrived = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _requests);
        var inFlight = Interlocked.Increment(ref _inFlight);
        int seen;
        while (inFlight > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, inFlight, seen) != seen)
        {
        }

        // A request stops counting as in flight when its answer starts: the client cannot see the answer (and send its
        // next request) before that, so MaxInFlight never counts one client slot twice.
        var counted = 1;
        void Answered()
        {
            if (Interlocked.Exchange(ref counted, 0) == 1)
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }

        try
        {
            if (MaxConcurrentRequests > 0 && inFlight > MaxConcurrentRequests)
            {
                Interlocked.Increment(ref _throttled);
                Answered();
                await WriteFaultAsync(context, WooCommerceEmulatorFault.TooManyRequests, ThrottleRetryAfter).ConfigureAwait(false);
                return;
            }

            (WooCommerceEmulatorFault Fault, TimeSpan RetryAfter)? fault = null;
            lock (_faultGate)
            {
                if (_faults.Count > 0)
                {
                    fault = _faults.Dequeue();
                }
            }

            if (fault is { } f && f.Fault is not (WooCommerceEmulatorFault.TypeDrift or WooCommerceEmulatorFault.PhpNotice))
            {
                await WaitOutLatencyAsync(arrived, context.RequestAborted).ConfigureAwait(false);
                Answered();
                await WriteFaultAsync(context, f.Fault, f.RetryAfter).ConfigureAwait(false);
                return;
            }

            var body = await new StreamReader(context.Request.Body, Encoding.UTF8).ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
            if (RecordRequests)
            {
                lock (_gate)
                {
                    _recorded.Add(new WooCommerceEmulatorRequest
                    {
                        Method = context.Request.Method,
                        Path = context.Request.RouteValues["path"] as string ?? string.Empty,
                        Body = body,
                    });
                }
            }

            // WordPress sends the API discovery link on every REST answer; a list's prev/next links replace it.
            context.Response.Headers.Link = $"<{RootUrl}wp-json/>; rel=\"https://api.w.org/\"";
            var (status, json) = Authenticate(context) ?? Route(context, body);
            var text = fault?.Fault == WooCommerceEmulatorFault.TypeDrift ? EmuJson.Drift(json)!.ToJsonString() : json.ToJsonString();
            if (fault?.Fault == WooCommerceEmulatorFault.PhpNotice)
            {
                text = "<br />\n<b>Notice</b>:  Function wpdb::prepare was called <strong>incorrectly</strong>. in <b>/var/www/html/wp-includes/functions.php</b> on line <b>6121</b><br />\n" + text;
            }

            await WaitOutLatencyAsync(arrived, context.RequestAborted).ConfigureAwait(false);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json; charset=UTF-8";
            Answered();
            await context.Response.WriteAsync(text, context.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            Answered();
        }
    }

    /// <summary>
    /// <see cref="Latency"/> is the host's response time: the emulator does its own work first and then waits out what
    /// is left, so its CPU time (parsing, rendering 100 products) is inside the latency, not added to it.
    /// </summary>
    private async Task WaitOutLatencyAsync(long arrived, CancellationToken cancellationToken)
    {
        var left = Latency - Stopwatch.GetElapsedTime(arrived);
        if (left > TimeSpan.Zero)
        {
            await Task.Delay(left, cancellationToken).ConfigureAwait(false);
        }
    }

    private static Task WriteFaultAsync(HttpContext context, WooCommerceEmulatorFault fault, TimeSpan retryAfter)
    {
        var seconds = Math.Max(0, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        switch (fault)
        {
            case WooCommerceEmulatorFault.TooManyRequests:
                context.Response.StatusCode = 429;
                context.Response.Headers.RetryAfter = seconds;
                context.Response.ContentType = "text/html";
                return context.Response.WriteAsync("<html><head><title>429 Too Many Requests</title></head><body><center><h1>429 Too Many Requests</h1></center><hr><center>nginx</center></body></html>");
            case WooCommerceEmulatorFault.ServiceUnavailable:
                context.Response.StatusCode = 503;
                context.Response.Headers.RetryAfter = seconds;
                context.Response.ContentType = "text/html; charset=utf-8";
                return context.Response.WriteAsync("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Maintenance</title></head><body><h1>Briefly unavailable for scheduled maintenance. Check back in a minute.</h1></body></html>");
            case WooCommerceEmulatorFault.InternalServerError:
                context.Response.StatusCode = 500;
                context.Response.ContentType = "text/html; charset=UTF-8";
                return context.Response.WriteAsync("<br />\n<b>Fatal error</b>:  Allowed memory size of 134217728 bytes exhausted (tried to allocate 20480 bytes) in <b>/var/www/html/wp-includes/class-wpdb.php</b> on line <b>2316</b><br />\n");
            case WooCommerceEmulatorFault.HtmlErrorPage:
                context.Response.StatusCode = 403;
                context.Response.ContentType = "text/html; charset=UTF-8";
                return context.Response.WriteAsync("<!DOCTYPE html><html><head><title>Access denied | shop.example used Cloudflare to restrict access</title></head><body><h1>Sorry, you have been blocked</h1></body></html>");
            default:
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/json; charset=UTF-8";
                return context.Response.WriteAsync("[{\"id\":117,\"name\":\"T-Shirt Red M\",\"stock_quan");
        }
    }

    /// <summary>WooCommerce over plain HTTP: OAuth 1.0a only; Basic and query keys are refused as unauthenticated. Over HTTPS Basic works too.</summary>
    private (int Status, JsonNode Json)? Authenticate(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (context.Request.IsHttps && authorization.StartsWith("Basic ", StringComparison.Ordinal))
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..].Trim()));
            }
            catch (FormatException)
            {
                return (401, EmuJson.Error("woocommerce_rest_authentication_error", "Consumer key is invalid.", 401));
            }

            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0 || decoded[..colon] != ConsumerKey)
            {
                return (401, EmuJson.Error("woocommerce_rest_authentication_error", "Consumer key is invalid.", 401));
            }

            return decoded[(colon + 1)..] == ConsumerSecret
                ? null
                : (401, EmuJson.Error("woocommerce_rest_authentication_error", "Consumer secret is invalid.", 401)); // error_401_wrong_secret.json
        }

        var parameters = context.Request.Query.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? string.Empty))).ToList();
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("OAuth ", StringComparison.Ordinal))
        {
            parameters.AddRange(EmuOAuth.ParseHeader(header));
        }

        string? Get(string key) => parameters.LastOrDefault(p => p.Key == key).Value;
        var key = Get("oauth_consumer_key");
        if (key is null)
        {
            return (401, EmuJson.Error("woocommerce_rest_cannot_view", "Sorry, you cannot list resources.", 401));
        }

        if (key != ConsumerKey)
        {
            return (401, EmuJson.Error("woocommerce_rest_authentication_error", "Consumer key is invalid.", 401));
        }

        var method = Get("oauth_signature_method");
        if (method is not ("HMAC-SHA1" or "HMAC-SHA256"))
        {
            return (401, EmuJson.Error("woocommerce_rest_authentication_error", "Invalid signature - signature method is invalid.", 401));
        }

        if (!long.TryParse(Get("oauth_timestamp"), NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp)
            || Math.Abs(_time.GetUtcNow().ToUnixTimeSeconds() - timestamp) > 15 * 60)
        {
            return (401, EmuJson.Error("woocommerce_rest_authentication_error", "Invalid timestamp.", 401));
        }

        var url = Home + context.Request.Path.Value;
        var expected = EmuOAuth.Signature(context.Request.Method, url, parameters, ConsumerSecret, method);
        var given = Get("oauth_signature") ?? string.Empty;
        if (!string.Equals(expected, given.Replace(' ', '+'), StringComparison.Ordinal))
        {
            return (401, EmuJson.Error("woocommerce_rest_authentication_error", "Invalid signature - provided signature does not match.", 401));
        }

        lock (_gate)
        {
            if (!_nonces.Add(key + ":" + timestamp.ToString(CultureInfo.InvariantCulture) + ":" + Get("oauth_nonce")))
            {
                return (401, EmuJson.Error("woocommerce_rest_authentication_error", "Invalid nonce - nonce has already been used.", 401));
            }
        }

        return null;
    }

    private (int Status, JsonNode Json) Route(HttpContext context, string body)
    {
        var segments = (context.Request.RouteValues["path"] as string ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        var method = context.Request.Method;
        var query = context.Request.Query;
        JsonNode? input;
        try
        {
            input = body.Length == 0 ? null : JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return (400, EmuJson.Error("rest_invalid_json", "Invalid JSON body passed.", 400));
        }

        if (method is "POST" or "PUT" && segments is ["products", "batch"] or ["products", _, "variations", "batch"])
        {
            Func<JsonNode>? render = null;
            var status = 0;
            lock (_gate)
            {
                EmuProduct? parent = null;
                if (segments.Length == 2 || (TryId(segments[1], out var pid) && _products.TryGetValue(pid, out parent) && parent.Type == "variable"))
                {
                    (status, render) = Batch(input, parent);
                }
            }

            if (render is not null)
            {
                return (status, render()); // rendered outside the lock: concurrent batches only queue for the state change
            }
        }

        lock (_gate)
        {
            return (segments, method) switch
            {
                (["products"], "GET") => ListProducts(context, query, p => p.Type != "variation", "products"),
                (["products", var id], "GET") when TryId(id, out var pid) && _products.TryGetValue(pid, out var p) && p.Type != "variation" => (200, EmuJson.Product(p, View)),
                (["products", var id, "variations"], "GET") when TryId(id, out var pid) && _products.TryGetValue(pid, out var p) && p.Type == "variable" =>
                    ListProducts(context, query, v => v.ParentId == pid, $"products/{pid}/variations"),
                (["products", ..], _) => (404, EmuJson.Error("woocommerce_rest_product_invalid_id", "Invalid ID.", 404)),
                (["orders"], "GET") => ListOrders(context, query),
                (["orders", var id], "GET") when Order(id) is { } o => (200, EmuJson.Order(o, View)),
                (["orders", var id], "PUT" or "POST" or "PATCH") when Order(id) is { } o => UpdateOrder(o, input),
                (["orders", var id, "notes"], "GET") when Order(id) is { } o => (200, new JsonArray(o.Notes.AsEnumerable().Reverse().Where(n => NoteType(query, n)).Select(n => (JsonNode)EmuJson.Note(n, o.Id, View)).ToArray())),
                (["orders", var id, "notes"], "POST") when Order(id) is { } o => AddNote(o, input),
                (["orders", var id, "refunds"], "GET") when Order(id) is { } o => Paged(context, query, [.. o.Refunds.AsEnumerable().Reverse()], r => EmuJson.Refund(r, o.Id, View), $"orders/{o.Id}/refunds", hpos: true),
                (["orders", var id, "refunds"], "POST") when Order(id) is { } o => CreateRefund(o, input),
                (["orders", ..], _) => (404, EmuJson.Error("woocommerce_rest_shop_order_invalid_id", "Invalid ID.", 404)),
                (["settings", "general"], "GET") => (200, SettingsGeneral()),
                (["settings", "general", var id], "GET") when SettingsGeneral().FirstOrDefault(o => (string?)o?["id"] == id) is { } setting => (200, setting.DeepClone()),
                (["settings", ..], "GET") => (404, EmuJson.Error("rest_setting_setting_invalid", "Invalid setting.", 404)),
                (["webhooks"], "GET") => Paged(context, query, [.. _webhooks.Values.OrderByDescending(w => w.Id)], w => EmuJson.Webhook(w, View), "webhooks"),
                (["webhooks"], "POST") => CreateWebhook(input),
                (["webhooks", var id], "GET") when Webhook(id) is { } w => (200, EmuJson.Webhook(w, View)),
                (["webhooks", var id], "PUT" or "POST" or "PATCH") when Webhook(id) is { } w => UpdateWebhook(w, input),
                (["webhooks", var id], "DELETE") when Webhook(id) is { } w => DeleteWebhook(w, query),
                (["webhooks", ..], _) => (404, EmuJson.Error("woocommerce_rest_webhook_invalid_id", "Invalid ID.", 404)),
                _ => (404, EmuJson.Error("rest_no_route", "No route was found matching the URL and request method.", 404)),
            };
        }
    }

    private static bool NoteType(IQueryCollection query, EmuNote note) => query["type"].ToString() switch
    {
        "customer" => note.CustomerNote,
        "internal" => !note.CustomerNote,
        _ => true,
    };

    private static bool TryId(string text, out long id) => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id);

    private EmuOrder? Order(string id) => TryId(id, out var oid) && _orders.TryGetValue(oid, out var order) ? order : null;

    private EmuWebhook? Webhook(string id) => TryId(id, out var wid) && _webhooks.TryGetValue(wid, out var hook) ? hook : null;

    /// <summary>
    /// A list page as WordPress answers it: <c>X-WP-Total</c>, <c>X-WP-TotalPages</c>, and <c>Link</c> prev/next built with
    /// <c>add_query_arg</c> from the request's own query (in its order, values URL-encoded, <c>page</c> replaced where it
    /// stands or appended). A page past the end is 200 <c>[]</c>; for HPOS orders and refunds
    /// (<paramref name="hpos"/>) the totals then read 0, as the order query counts only the rows of that page.
    /// </summary>
    private (int, JsonNode) Paged<T>(HttpContext context, IQueryCollection query, List<T> all, Func<T, JsonNode> render, string route, bool hpos = false)
    {
        var perPage = query.TryGetValue("per_page", out var pp) ? int.Parse(pp.ToString(), CultureInfo.InvariantCulture) : 10;
        if (perPage is < 1 or > 100)
        {
            var error = EmuJson.Error("rest_invalid_param", "Invalid parameter(s): per_page", 400);
            error["data"]!["params"] = new JsonObject { ["per_page"] = "per_page must be between 1 (inclusive) and 100 (inclusive)" };
            return (400, error);
        }

        var page = query.TryGetValue("page", out var pg) ? int.Parse(pg.ToString(), CultureInfo.InvariantCulture) : 1;
        var items = all.Skip((page - 1) * perPage).Take(perPage).ToList();
        var total = hpos && items.Count == 0 && page > 1 ? 0 : all.Count;
        var totalPages = (total + perPage - 1) / perPage;
        context.Response.Headers["X-WP-Total"] = total.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["X-WP-TotalPages"] = totalPages.ToString(CultureInfo.InvariantCulture);
        var links = new List<string>();
        if (page > 1)
        {
            links.Add($"<{PageLink(context, route, Math.Min(page - 1, totalPages))}>; rel=\"prev\"");
        }

        if (totalPages > page)
        {
            links.Add($"<{PageLink(context, route, page + 1)}>; rel=\"next\"");
        }

        if (links.Count > 0)
        {
            context.Response.Headers.Link = string.Join(", ", links);
        }

        return (200, new JsonArray([.. items.Select(render)]));
    }

    /// <summary>
    /// <c>add_query_arg('page', n, base)</c> over the request's query. The orders list also carries the defaults WooCommerce
    /// adds to its query (<c>status[0]=any&amp;dp=2&amp;context=view</c>, as recorded in <c>orders_list_modified_after.headers.txt</c>).
    /// </summary>
    private string PageLink(HttpContext context, string route, int page)
    {
        var pairs = new List<(string Key, string Value)>();
        var raw = context.Request.QueryString.Value ?? string.Empty;
        foreach (var part in raw.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString((eq < 0 ? part : part[..eq]).Replace('+', ' '));
            var value = eq < 0 ? string.Empty : Uri.UnescapeDataString(part[(eq + 1)..].Replace('+', ' '));
            pairs.Add((key, value));
        }

        if (route == "orders")
        {
            if (!pairs.Exists(p => p.Key.StartsWith("status", StringComparison.Ordinal)))
            {
                pairs.Add(("status[0]", "any"));
            }

            foreach (var (key, value) in new[] { ("dp", "2"), ("context", "view") })
            {
                if (!pairs.Exists(p => p.Key == key))
                {
                    pairs.Add((key, value));
                }
            }
        }

        var at = pairs.FindIndex(p => p.Key == "page");
        var pageText = page.ToString(CultureInfo.InvariantCulture);
        if (at >= 0)
        {
            pairs[at] = ("page", pageText);
        }
        else
        {
            pairs.Add(("page", pageText));
        }

        static string Encode(string text) => Uri.EscapeDataString(text).Replace("%20", "+", StringComparison.Ordinal);
        return ApiBase + route + "?" + string.Join('&', pairs.Select(p => Encode(p.Key) + "=" + Encode(p.Value)));
    }

    private static List<T> Order<T>(IQueryCollection query, IEnumerable<T> items, Func<T, long> id, Func<T, DateTime> date)
    {
        var orderBy = query["orderby"].ToString();
        var ascending = query["order"].ToString() == "asc";
        var sorted = orderBy == "id" ? items.OrderBy(id) : items.OrderBy(date).ThenBy(id);
        var list = sorted.ToList();
        if (!ascending)
        {
            list.Reverse();
        }

        return list;
    }

    private (int, JsonNode) ListProducts(HttpContext context, IQueryCollection query, Func<EmuProduct, bool> filter, string route)
    {
        var include = Include(query);
        var items = _products.Values.Where(filter).Where(p => include is null || include.Contains(p.Id));
        return Paged(context, query, Order(query, items, p => p.Id, p => p.Created), p => EmuJson.Product(p, View), route);
    }

    private (int, JsonNode) ListOrders(HttpContext context, IQueryCollection query)
    {
        IEnumerable<EmuOrder> items = _orders.Values;
        if (query.TryGetValue("modified_after", out var after))
        {
            var since = DateTime.Parse(after.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
            items = items.Where(o => o.Modified > since);
        }

        if (query.TryGetValue("status", out var status) && status.ToString() is { Length: > 0 } s && s != "any")
        {
            var wanted = s.Split(',');
            items = items.Where(o => wanted.Contains(o.Status));
        }

        var include = Include(query);
        if (include is not null)
        {
            items = items.Where(o => include.Contains(o.Id));
        }

        return Paged(context, query, Order(query, items, o => o.Id, o => o.Created), o => EmuJson.Order(o, View), "orders", hpos: true);
    }

    private static HashSet<long>? Include(IQueryCollection query) =>
        query.TryGetValue("include", out var include)
            ? include.SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries)).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToHashSet()
            : null;

    /// <summary>Applies a batch under the caller's lock; the answer is rendered later, from snapshots, by the returned function.</summary>
    private (int, Func<JsonNode>) Batch(JsonNode? input, EmuProduct? parent)
    {
        var update = input?["update"] as JsonArray ?? [];
        var count = update.Count + ((input?["create"] as JsonArray)?.Count ?? 0) + ((input?["delete"] as JsonArray)?.Count ?? 0);
        if (count > BatchLimit)
        {
            var tooLarge = EmuJson.Error("woocommerce_rest_request_entity_too_large", $"Unable to accept more than {BatchLimit} items for this request.", 413);
            return (413, () => tooLarge);
        }

        var results = new List<object>(update.Count); // a rendered error (JsonObject) or a product snapshot (EmuProduct)
        var changed = new List<long>();
        foreach (var item in update)
        {
            var id = ReadLong(item?["id"]);
            var found = id is { } i && _products.TryGetValue(i, out var p) ? p : null;
            JsonObject? refusal = null;
            if (parent is null && found?.Type == "variation")
            {
                // WC_REST_Products_Controller refuses a variation id on the products endpoints, with 404.
                refusal = EmuJson.Error("woocommerce_rest_invalid_product_id", "To manipulate product variations you should use the /products/&lt;product_id&gt;/variations/&lt;id&gt; endpoint.", 404);
            }
            else if (parent is null && found is null)
            {
                refusal = EmuJson.Error("woocommerce_rest_product_invalid_id", "Invalid ID.", 400); // products_batch_mixed.json
            }
            else if (parent is not null && (found is null || found.ParentId != parent.Id))
            {
                refusal = EmuJson.Error("woocommerce_rest_product_variation_invalid_id", "Invalid ID.", 404);
            }

            if (refusal is not null || found is null)
            {
                results.Add(new JsonObject { ["id"] = id ?? 0, ["error"] = refusal });
                continue;
            }

            var (applyPrices, priceError) = ReadPricesLocked(found, item);
            if (priceError is not null)
            {
                results.Add(new JsonObject { ["id"] = found.Id, ["error"] = priceError });
                continue;
            }

            if (item?["stock_quantity"] is { } checkedStock && StockAmount(checkedStock) is null)
            {
                results.Add(new JsonObject { ["id"] = found.Id, ["error"] = EmuJson.Error("rest_invalid_param", "Invalid parameter(s): stock_quantity", 400) });
                continue;
            }

            if (ReadEnum(item, "status", WritableStatuses) is { Error: { } statusError })
            {
                results.Add(new JsonObject { ["id"] = found.Id, ["error"] = statusError });
                continue;
            }

            if (ReadEnum(item, "stock_status", StockStatuses) is { Error: { } stockStatusError })
            {
                results.Add(new JsonObject { ["id"] = found.Id, ["error"] = stockStatusError });
                continue;
            }

            applyPrices?.Invoke(found);
            if (ReadEnum(item, "status", WritableStatuses).Value is { } newStatus)
            {
                found.Status = newStatus;
            }

            if (ReadEnum(item, "stock_status", StockStatuses).Value is { } newStockStatus)
            {
                // Stored either way; shown only while stock is not managed (EmuProduct.ShownStockStatus).
                found.StockStatus = newStockStatus;
            }

            if (item?["manage_stock"] is JsonValue manage && manage.TryGetValue<bool>(out var m))
            {
                found.ManageStock = m;
            }

            if (item?["stock_quantity"] is { } stockNode)
            {
                found.Stock = (int)StockAmount(stockNode)!.Value; // checked above, before anything of the item changed
            }

            if (found.ManageStock)
            {
                // validate_props(): a managed item's stored stock status follows its quantity on every save.
                found.StockStatus = found.ShownStockStatus;
            }

            found.Modified = Now;
            changed.Add(found.Id);
            results.Add(found.Snapshot());
        }

        foreach (var id in changed)
        {
            Trigger("product.updated", id);
        }

        var view = View;
        return (200, () => new JsonObject { ["update"] = new JsonArray([.. results.Select(r => r as JsonNode ?? EmuJson.Product((EmuProduct)r, view))]) });
    }

    // What the REST schema accepts for a write (_products.md, _product-variations.md): "future" is a status WordPress
    // sets for a scheduled post, not one the API takes.
    private static readonly string[] WritableStatuses = ["draft", "pending", "private", "publish"];

    private static readonly string[] StockStatuses = ["instock", "outofstock", "onbackorder"];

    /// <summary>
    /// An enum field of a batch item: absent (both null), valid (its value), or the per-item <c>rest_invalid_param</c>
    /// error WordPress's schema validation gives for a value outside the enum (or not a string).
    /// </summary>
    private static (string? Value, JsonObject? Error) ReadEnum(JsonNode? item, string field, string[] allowed)
    {
        if (item?[field] is not { } node)
        {
            return (null, null);
        }

        if (node is JsonValue value && value.TryGetValue<string>(out var text) && allowed.Contains(text))
        {
            return (text, null);
        }

        var message = $"{field} is not one of {string.Join(", ", allowed[..^1])}, and {allowed[^1]}.";
        var error = EmuJson.Error("rest_invalid_param", $"Invalid parameter(s): {field}", 400);
        error["data"]!["params"] = new JsonObject { [field] = message };
        return (null, error);
    }

    private static long? ReadLong(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        if (value.TryGetValue<long>(out var l))
        {
            return l;
        }

        if (value.TryGetValue<double>(out var d) && d == Math.Floor(d))
        {
            return (long)d;
        }

        return value.TryGetValue<string>(out var s) && long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
    }

    private (int, JsonNode) UpdateOrder(EmuOrder order, JsonNode? input)
    {
        if (input?["status"] is JsonValue statusNode && statusNode.TryGetValue<string>(out var status))
        {
            if (!OrderStatuses.Contains(status))
            {
                var message = "status is not one of auto-draft, pending, processing, on-hold, completed, cancelled, refunded, failed, and checkout-draft.";
                var error = EmuJson.Error("rest_invalid_param", "Invalid parameter(s): status", 400);
                error["data"]!["params"] = new JsonObject { ["status"] = message };
                error["data"]!["details"] = new JsonObject { ["status"] = new JsonObject { ["code"] = "rest_not_in_enum", ["message"] = message, ["data"] = null } };
                return (400, error);
            }

            ChangeStatusLocked(order, status);
        }

        if (input?["customer_note"] is JsonValue noteNode && noteNode.TryGetValue<string>(out var customerNote))
        {
            order.CustomerNote = customerNote;
        }

        foreach (var meta in input?["meta_data"] as JsonArray ?? [])
        {
            var key = meta?["key"]?.GetValue<string>();
            if (key is null)
            {
                continue;
            }

            // update_meta_data(): replaces the value of an existing key, else adds it.
            var index = order.Meta.FindIndex(m => m.Key == key);
            var value = meta!["value"]?.DeepClone();
            if (index >= 0)
            {
                order.Meta[index] = (order.Meta[index].Id, key, value);
            }
            else
            {
                order.Meta.Add((_nextMetaId++, key, value));
            }
        }

        order.Modified = Now;
        var id = order.Id;
        Trigger("order.updated", id);
        return (200, EmuJson.Order(order, View));
    }

    private (int, JsonNode) AddNote(EmuOrder order, JsonNode? input)
    {
        var text = input?["note"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        if (string.IsNullOrEmpty(text))
        {
            var error = EmuJson.Error("rest_missing_callback_param", "Missing parameter(s): note", 400);
            return (400, error);
        }

        var customer = input?["customer_note"] is JsonValue c && c.TryGetValue<bool>(out var b) && b;
        var note = new EmuNote(_nextId++, text, customer, Now, "WooCommerce");
        order.Notes.Add(note);
        return (201, EmuJson.Note(note, order.Id, View));
    }

    private (int, JsonNode) CreateRefund(EmuOrder order, JsonNode? input)
    {
        var lines = new List<(EmuLine Line, int Quantity, decimal Total)>();
        foreach (var item in input?["line_items"] as JsonArray ?? [])
        {
            var lineId = ReadLong(item?["id"]);
            var line = order.Lines.Find(l => l.Id == lineId);
            if (line is null)
            {
                return (400, EmuJson.Error("woocommerce_rest_invalid_order_item", "Invalid order item.", 400));
            }

            var quantity = (int)(ReadLong(item?["quantity"]) ?? 0);
            var total = decimal.TryParse(item?["refund_total"]?.ToString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var t) ? t : line.Price * quantity;
            lines.Add((line, quantity, total));
        }

        var amount = decimal.TryParse(input?["amount"]?.ToString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var a) ? a : lines.Sum(l => l.Total);
        if (amount <= 0)
        {
            return (400, EmuJson.Error("woocommerce_rest_cannot_create_order_refund", "Refund amount must be greater than zero.", 400));
        }

        var restock = input?["api_restock"] is JsonValue r && r.TryGetValue<bool>(out var rb) && rb;
        var reason = input?["reason"]?.ToString() ?? string.Empty;
        var refund = CreateRefundLocked(order, lines, reason, restock, amount);
        Trigger("order.updated", order.Id); // woocommerce_order_refunded is one of order.updated's hooks (webhooks_list.json)
        return (201, EmuJson.Refund(refund, order.Id, View));
    }

    private EmuRefund CreateRefundLocked(EmuOrder order, List<(EmuLine Line, int Quantity, decimal Total)> lines, string reason, bool restock, decimal? amount = null)
    {
        var refund = new EmuRefund { Id = _nextId++, Amount = amount ?? lines.Sum(l => l.Total), Reason = reason, Created = Now };
        foreach (var (line, quantity, _) in lines)
        {
            refund.Lines.Add(new EmuLine
            {
                Id = _nextLineId++, ProductId = line.ProductId, VariationId = line.VariationId, Name = line.Name, Sku = line.Sku,
                Quantity = -quantity, Price = line.Price, RefundedItemId = line.Id,
            });
            if (restock)
            {
                RestockLocked(order, line, quantity);
            }
        }

        order.Refunds.Add(refund);
        order.Modified = Now;
        if (order.Refunds.Sum(r => r.Amount) >= order.Lines.Sum(l => l.Price * l.Quantity) + order.ShippingTotal)
        {
            ChangeStatusLocked(order, "refunded");
        }

        return refund;
    }
}
