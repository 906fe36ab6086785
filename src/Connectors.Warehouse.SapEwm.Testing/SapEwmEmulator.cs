using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Connectors.Testing.SapEwm.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.OData.Edm;

namespace Connectors.Testing.SapEwm;

/// <summary>
/// An S/4HANA + EWM emulator on loopback (Kestrel, 127.0.0.1, a free port) serving the subset of SAP's published
/// APIs the SAP EWM adapter uses, from the specifications in <c>shared/contracts/sap-ewm</c>: Warehouse Available Stock
/// (OData V4), Warehouse Outbound Delivery Order (OData V4, read, update, <c>AdjustDeliveryItemQuantity</c>,
/// <c>PostGoodsIssue</c>), Sales Order (OData V2, deep insert, read, item update), Customer Return (OData V2, deep
/// insert, read, process steps), Returns Inspection, Warehouse Order and Task and Handling Unit (OData V4, read), with
/// their <c>$metadata</c>.
/// It behaves as SAP Gateway documents: HTTP Basic, OAuth 2.0 client credentials or (over HTTPS,
/// <see cref="StartHttpsAsync"/>) an X.509 client certificate mapped to the user, <c>sap-client</c>, CSRF tokens
/// bound to the session cookie and expiring (403 with <c>x-csrf-token: Required</c>), ETags with <c>If-Match</c>
/// (428 without, 412 when stale), server-driven paging (<c>@odata.nextLink</c> with <c>$skiptoken</c>, V2 <c>__next</c>),
/// SAP error bodies in each version's shape, request validation against the EDM models (unknown entity sets, properties
/// and filter types are refused), and EWM's rule that a delivery quantity goes down to 0 only while picking has not
/// started. Sales orders become outbound delivery orders in EWM (at once, or when released); the warehouse picks
/// and posts goods issue on command or on a timer (<see cref="ShipOnTimer"/>). Faults can be injected. It is written from SAP's documentation, not from the
/// adapter's code.
/// </summary>
public sealed partial class SapEwmEmulator : IAsyncDisposable
{
    /// <summary>The path of the Warehouse Available Stock service.</summary>
    public const string StockServicePath = "/sap/opu/odata4/sap/api_whse_availablestock/srvd_a2x/sap/warehouseavailablestock/0001/";

    /// <summary>The path of the Warehouse Outbound Delivery Order service.</summary>
    public const string DeliveryServicePath = "/sap/opu/odata4/sap/api_warehouse_odo_2/srvd_a2x/sap/warehouseoutbdeliveryorder/0001/";

    /// <summary>The path of the Customer Return service.</summary>
    public const string CustomerReturnServicePath = "/sap/opu/odata/sap/API_CUSTOMER_RETURN_SRV/";

    /// <summary>The path of the Sales Order service.</summary>
    public const string SalesOrderServicePath = "/sap/opu/odata/sap/API_SALES_ORDER_SRV/";

    /// <summary>The path of the Returns Inspection service.</summary>
    public const string ReturnsInspectionServicePath = "/sap/opu/odata4/sap/api_returnsinspection_2/srvd_a2x/sap/returnsinspection/0001/";

    /// <summary>The path of the Warehouse Order and Task service.</summary>
    public const string WarehouseTaskServicePath = "/sap/opu/odata4/sap/api_warehouse_order_task_2/srvd_a2x/sap/warehouseorder/0001/";

    /// <summary>The path of the Handling Unit service.</summary>
    public const string HandlingUnitServicePath = "/sap/opu/odata4/sap/api_handlingunit/srvd_a2x/sap/handlingunit/0001/";

    private const string SessionCookie = "SAP_SESSIONID_EMU_";
    private readonly Lock _gate = new();
    private readonly Lock _faultGate = new();
    private readonly List<(SapEwmEmulatorFault Fault, string? Method)> _faults = [];
    private readonly List<SapEwmEmulatorRequest> _requests = [];
    private readonly Dictionary<string, EmuSession> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _bearerTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _pagesServed = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private WebApplication? _app;
    private int _csrfFetches;
    private int _csrfRejections;
    private int _tokensIssued;

    private SapEwmEmulator(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>The system root, <c>http://127.0.0.1:{port}/</c> (<c>https</c> when started with TLS); the service paths are below it.</summary>
    public Uri Host { get; private set; } = null!;

    /// <summary>The OAuth 2.0 token endpoint, <c>{Host}oauth/token</c>.</summary>
    public Uri TokenEndpoint => new(Host, "oauth/token");

    /// <summary>The communication user accepted with HTTP Basic.</summary>
    public string UserName { get; set; } = "CONNECTORS_COMM";

    /// <summary>Its password.</summary>
    public string Password { get; set; } = "emulator-Passw0rd";

    /// <summary>The OAuth client id accepted at the token endpoint.</summary>
    public string ClientId { get; set; } = "sb-connectors-emulator";

    /// <summary>Its secret.</summary>
    public string ClientSecret { get; set; } = "emulator-client-secret";

    /// <summary>The lifetime of issued bearer tokens. Default one hour.</summary>
    public TimeSpan BearerTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The SAP client of the system. Default <c>100</c>.</summary>
    public string SapClient { get; set; } = "100";

    /// <summary>Refuses requests without <c>sap-client</c> (the system's default client is another one). Default <see langword="false"/>.</summary>
    public bool RequireSapClient { get; set; }

    /// <summary>How long a CSRF token stays valid after it was fetched. Default 30 minutes.</summary>
    public TimeSpan CsrfTokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The server's page size (V4 honours a smaller <c>Prefer: odata.maxpagesize</c>). Default 1000.</summary>
    public int MaxPageSize { get; set; } = 1000;

    /// <summary>The EWM warehouse that outbound delivery orders are created in. Default <c>1710</c>.</summary>
    public string DeliveryWarehouse { get; set; } = "1710";

    /// <summary>
    /// Holds new sales orders in S/4HANA: their outbound delivery orders appear in EWM only on
    /// <see cref="ReleaseDeliveries"/>. Default <see langword="false"/>: they appear at once.
    /// </summary>
    public bool HoldDeliveries { get; set; }

    /// <summary>How often a CSRF token was fetched.</summary>
    public int CsrfFetchCount => Volatile.Read(ref _csrfFetches);

    /// <summary>How often a modifying request was refused for its CSRF token (403 <c>x-csrf-token: Required</c>).</summary>
    public int CsrfRejectionCount => Volatile.Read(ref _csrfRejections);

    /// <summary>How many bearer tokens the token endpoint issued.</summary>
    public int BearerTokensIssued => Volatile.Read(ref _tokensIssued);

    /// <summary>Every request received so far, in order (the token endpoint's included).</summary>
    public IReadOnlyList<SapEwmEmulatorRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Starts an emulator on 127.0.0.1 and a free port.</summary>
    /// <param name="timeProvider">The clock for tokens, change stamps and goods issue times; <see cref="TimeProvider.System"/> by default.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator.</returns>
    public static Task<SapEwmEmulator> StartAsync(TimeProvider? timeProvider = null, CancellationToken cancellationToken = default) =>
        StartCoreAsync(timeProvider, tls: null, cancellationToken);

    /// <summary>
    /// Starts an emulator on 127.0.0.1 and a free port, serving HTTPS with <paramref name="tls"/> (and, where it names a
    /// client certificate authority, requiring a client certificate in the handshake as SAP's ICM does with
    /// <c>icm/HTTPS/verify_client = 2</c>).
    /// </summary>
    /// <param name="tls">The server certificate and client certificate rules.</param>
    /// <param name="timeProvider">The clock for tokens, change stamps and goods issue times; <see cref="TimeProvider.System"/> by default.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator.</returns>
    public static Task<SapEwmEmulator> StartHttpsAsync(SapEwmEmulatorTls tls, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tls);
        return StartCoreAsync(timeProvider, tls, cancellationToken);
    }

    private static async Task<SapEwmEmulator> StartCoreAsync(TimeProvider? timeProvider, SapEwmEmulatorTls? tls, CancellationToken cancellationToken)
    {
        var emulator = new SapEwmEmulator(timeProvider ?? TimeProvider.System);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (tls is not null)
            {
                listen.UseHttps(https =>
                {
                    https.ServerCertificate = tls.ServerCertificate;
                    if (tls.ClientCertificateAuthority is { } authority)
                    {
                        https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                        https.ClientCertificateValidation = (certificate, _, _) => IssuedBy(certificate, authority);
                    }
                });
            }
        }));
        var app = builder.Build();
        app.Run(emulator.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        emulator._app = app;
        emulator.Host = new Uri(address.TrimEnd('/') + "/");
        return emulator;
    }

    /// <summary>Answers the next <paramref name="count"/> requests to the OData services with <paramref name="fault"/>.</summary>
    /// <param name="fault">The fault.</param>
    /// <param name="count">How many requests get it.</param>
    /// <param name="method">Only requests with this HTTP method (for example <c>POST</c>) get it; <see langword="null"/> for any.</param>
    public void InjectFault(SapEwmEmulatorFault fault, int count = 1, string? method = null)
    {
        lock (_faultGate)
        {
            for (var i = 0; i < count; i++)
            {
                _faults.Add((fault, method));
            }
        }
    }

    /// <summary>Ends every session (as a system restart or a session timeout does): cookies and CSRF tokens stop working.</summary>
    public void EndSessions()
    {
        lock (_gate)
        {
            _sessions.Clear();
        }
    }

    /// <summary>How many pages of an entity set were served.</summary>
    /// <param name="entitySet">The entity set name.</param>
    /// <returns>The count.</returns>
    public int PagesServed(string entitySet)
    {
        lock (_gate)
        {
            return _pagesServed.GetValueOrDefault(entitySet);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private DateTimeOffset Now => _time.GetUtcNow();

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        string body;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in new[] { "x-csrf-token", "If-Match", "Prefer", "Accept", "Content-Type" })
        {
            if (request.Headers.TryGetValue(name, out var value))
            {
                headers[name] = value.ToString();
            }
        }

        if (request.Headers.Authorization.ToString() is { Length: > 0 } auth)
        {
            headers["Authorization"] = auth.Split(' ')[0];
        }

        var record = new SapEwmEmulatorRequest
        {
            Method = request.Method,
            Path = Uri.UnescapeDataString(request.Path.Value ?? "/"),
            Query = request.QueryString.Value ?? string.Empty,
            Body = body,
            Headers = headers,
        };
        lock (_gate)
        {
            _requests.Add(record);
        }

        SapEwmEmulatorFault? fault = null;
        if (!record.Path.StartsWith("/oauth/", StringComparison.Ordinal))
        {
            lock (_faultGate)
            {
                var at = _faults.FindIndex(f => f.Method is null || f.Method == record.Method);
                if (at >= 0)
                {
                    fault = _faults[at].Fault;
                    _faults.RemoveAt(at);
                }
            }
        }

        EmuResponse response;
        if (fault is SapEwmEmulatorFault.ConnectionDrop)
        {
            record.Status = 0;
            context.Abort();
            return;
        }

        if (fault is { } f && f != SapEwmEmulatorFault.TruncatedJson && f != SapEwmEmulatorFault.LoseAnswer)
        {
            response = FaultResponse(f, record.Path);
        }
        else
        {
            try
            {
                response = Handle(context, record);
            }
            catch (EmuQueryException ex)
            {
                response = Error(ServiceOf(record.Path)?.Version ?? 4, 400, ex.Code, ex.Message);
            }
            catch (JsonException ex)
            {
                response = Error(ServiceOf(record.Path)?.Version ?? 4, 400, "/IWBEP/CM_MGW_RT/004", "Malformed request body: " + ex.Message);
            }
        }

        record.Status = response.Status;
        if (fault is SapEwmEmulatorFault.LoseAnswer)
        {
            record.Status = 0;
            context.Abort();
            return;
        }

        var bytes = response.Body;
        if (fault is SapEwmEmulatorFault.TruncatedJson && bytes.Length > 2)
        {
            bytes = bytes[..(bytes.Length / 2)];
        }

        context.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers)
        {
            context.Response.Headers.Append(name, value);
        }

        if (bytes.Length > 0)
        {
            context.Response.ContentType = response.ContentType;
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private EmuResponse Handle(HttpContext context, SapEwmEmulatorRequest record)
    {
        if (record.Path == "/oauth/token")
        {
            return IssueToken(context, record);
        }

        var service = ServiceOf(record.Path);
        if (service is null)
        {
            return EmuResponse.Text(404, "<html><body>Service cannot be reached</body></html>", "text/html");
        }

        if (!Authenticated(context))
        {
            var denied = EmuResponse.Text(401, "<html><body>Logon failed</body></html>", "text/html");
            denied.Headers["WWW-Authenticate"] = "Basic realm=\"SAP NetWeaver Application Server [EMU/" + SapClient + "]\"";
            return denied;
        }

        var client = context.Request.Query["sap-client"].ToString();
        if ((client.Length > 0 && client != SapClient) || (client.Length == 0 && RequireSapClient))
        {
            return EmuResponse.Text(401, $"<html><body>Logon failed: client '{client}' is not available in this system</body></html>", "text/html");
        }

        var session = SessionOf(context);
        var response = CheckCsrf(context, record, ref session);
        if (response is not null)
        {
            return response;
        }

        var resource = record.Path[service.Path.Length..];
        response = resource switch
        {
            "" when context.Request.Method == "GET" => ServiceDocument(service),
            "$metadata" when context.Request.Method == "GET" => Metadata(service),
            _ => service.Handler(context, record, resource),
        };
        if (string.Equals(context.Request.Headers["x-csrf-token"], "Fetch", StringComparison.OrdinalIgnoreCase))
        {
            session ??= NewSession(response);
            lock (_gate)
            {
                // A session keeps its token until the token expires; then a fetch issues a new one.
                if (session.Token is null || Now - session.TokenIssued >= CsrfTokenLifetime)
                {
                    session.Token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
                    session.TokenIssued = Now;
                }
            }

            Interlocked.Increment(ref _csrfFetches);
            response.Headers["x-csrf-token"] = session.Token;
        }

        return response;
    }

    private EmuResponse? CheckCsrf(HttpContext context, SapEwmEmulatorRequest record, ref EmuSession? session)
    {
        if (record.Method is "GET" or "HEAD")
        {
            return null;
        }

        var sent = context.Request.Headers["x-csrf-token"].ToString();
        bool valid;
        lock (_gate)
        {
            valid = session is { Token: { } token } && sent == token && Now - session.TokenIssued < CsrfTokenLifetime;
        }

        if (valid)
        {
            return null;
        }

        Interlocked.Increment(ref _csrfRejections);
        var refused = EmuResponse.Text(403, "CSRF token validation failed");
        refused.Headers["x-csrf-token"] = "Required";
        return refused;
    }

    /// <summary>
    /// The subject (distinguished name) of the client certificate that logs on as the communication user, as SAP maps a
    /// certificate to a user (rule-based mapping or table <c>VUSREXTID</c>); a certificate the TLS layer accepted but
    /// whose subject is not mapped is answered 401. <see langword="null"/> (default): no certificate logs on.
    /// </summary>
    public string? ClientCertificateSubject { get; set; }

    /// <summary>Whether a certificate chains to <paramref name="authority"/> (the only trusted root; no revocation lists on loopback).</summary>
    private static bool IssuedBy(X509Certificate2 certificate, X509Certificate2 authority)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    private bool Authenticated(HttpContext context)
    {
        if (context.Connection.ClientCertificate is { } certificate && ClientCertificateSubject is { } mapped)
        {
            return string.Equals(certificate.Subject, mapped, StringComparison.Ordinal);
        }

        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            }
            catch (FormatException)
            {
                return false;
            }

            return decoded == UserName + ":" + Password;
        }

        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            lock (_gate)
            {
                return _bearerTokens.TryGetValue(header[7..].Trim(), out var expires) && Now < expires;
            }
        }

        return false;
    }

    /// <summary>Revokes every issued bearer token (the next request with one is answered 401).</summary>
    public void RevokeBearerTokens()
    {
        lock (_gate)
        {
            _bearerTokens.Clear();
        }
    }

    private EmuResponse IssueToken(HttpContext context, SapEwmEmulatorRequest record)
    {
        var form = System.Web.HttpUtility.ParseQueryString(record.Body);
        string? id = form["client_id"];
        string? secret = form["client_secret"];
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim())).Split(':', 2);
            id = Uri.UnescapeDataString(parts[0]);
            secret = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : null;
        }

        if (record.Method != "POST" || form["grant_type"] != "client_credentials")
        {
            return EmuResponse.Text(400, "{\"error\":\"unsupported_grant_type\"}", "application/json");
        }

        if (id != ClientId || secret != ClientSecret)
        {
            return EmuResponse.Text(401, "{\"error\":\"invalid_client\",\"error_description\":\"Bad credentials\"}", "application/json");
        }

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        lock (_gate)
        {
            _bearerTokens[token] = Now + BearerTokenLifetime;
        }

        Interlocked.Increment(ref _tokensIssued);
        return EmuResponse.Text(
            200,
            $"{{\"access_token\":\"{token}\",\"token_type\":\"bearer\",\"expires_in\":{(int)BearerTokenLifetime.TotalSeconds},\"scope\":\"uaa.resource\"}}",
            "application/json");
    }

    private EmuSession? SessionOf(HttpContext context)
    {
        var id = context.Request.Cookies[SessionCookie + SapClient];
        lock (_gate)
        {
            return id is not null && _sessions.TryGetValue(id, out var session) ? session : null;
        }
    }

    private EmuSession NewSession(EmuResponse response)
    {
        var session = new EmuSession { Id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)) };
        lock (_gate)
        {
            _sessions[session.Id] = session;
        }

        response.Headers["Set-Cookie"] = $"{SessionCookie}{SapClient}={session.Id}; path=/; HttpOnly";
        return session;
    }

    private EmuResponse FaultResponse(SapEwmEmulatorFault fault, string path)
    {
        var version = ServiceOf(path)?.Version ?? 4;
        EmuResponse response = fault switch
        {
            SapEwmEmulatorFault.ServiceUnavailable => Error(version, 503, "/IWFND/CM_BEC/026", "SAP system is temporarily not available"),
            SapEwmEmulatorFault.TooManyRequests => Error(version, 429, "RATE_LIMIT", "Rate limit exceeded"),
            SapEwmEmulatorFault.InternalServerError => Error(version, 500, "/IWBEP/CM_MGW_RT/000", "In the context of Data Services an unknown internal server error occurred"),
            _ => EmuResponse.Text(502, "<html><head><title>502 Bad Gateway</title></head><body>SAP Web Dispatcher: partner not reached</body></html>", "text/html"),
        };
        if (fault is SapEwmEmulatorFault.ServiceUnavailable or SapEwmEmulatorFault.TooManyRequests)
        {
            response.Headers["Retry-After"] = "1";
        }

        return response;
    }

    /// <summary>An SAP error body: V4 <c>{"error":{code,message,details,innererror}}</c>, V2 with <c>message.value</c> and <c>innererror.errordetails</c>.</summary>
    internal EmuResponse Error(int version, int status, string code, string message, string? target = null)
    {
        var transaction = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteStartObject("error");
            w.WriteString("code", code);
            if (version == 2)
            {
                w.WriteStartObject("message");
                w.WriteString("lang", "en");
                w.WriteString("value", message);
                w.WriteEndObject();
                w.WriteStartObject("innererror");
                w.WriteString("transactionid", transaction);
                w.WriteString("timestamp", Now.ToString("yyyyMMddHHmmss.fffffff", CultureInfo.InvariantCulture));
                w.WriteStartArray("errordetails");
                w.WriteStartObject();
                w.WriteString("code", code);
                w.WriteString("message", message);
                w.WriteString("propertyref", target ?? string.Empty);
                w.WriteString("severity", "error");
                w.WriteString("target", target ?? string.Empty);
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
            }
            else
            {
                w.WriteString("message", message);
                if (target is not null)
                {
                    w.WriteString("target", target);
                }

                w.WriteStartArray("details");
                w.WriteStartObject();
                w.WriteString("code", code);
                w.WriteString("message", message);
                w.WriteNumber("@SAP__common.numericSeverity", 4);
                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteStartObject("innererror");
                w.WriteStartObject("ErrorDetails");
                w.WriteString("@SAP__common.TransactionId", transaction);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        return new EmuResponse { Status = status, Body = stream.ToArray() };
    }

    private static EmuResponse ServiceDocument(EmuService service)
    {
        var sets = service.Model.EntityContainer.EntitySets().Select(s => s.Name).ToList();
        var json = service.Version == 4
            ? JsonSerializer.Serialize(new Dictionary<string, object> { ["@odata.context"] = "$metadata", ["value"] = sets.Select(s => new Dictionary<string, string> { ["name"] = s, ["url"] = s }).ToList() })
            : JsonSerializer.Serialize(new Dictionary<string, object> { ["d"] = new Dictionary<string, object> { ["EntitySets"] = sets } });
        return new EmuResponse { Body = Encoding.UTF8.GetBytes(json) };
    }

    private static EmuResponse Metadata(EmuService service) =>
        new() { ContentType = "application/xml", Body = Encoding.UTF8.GetBytes(service.MetadataXml) };

    private EmuService? ServiceOf(string path)
    {
        foreach (var service in Services)
        {
            if (path.StartsWith(service.Path, StringComparison.Ordinal) || path + "/" == service.Path)
            {
                return service;
            }
        }

        return null;
    }

    private EmuService[] Services => _services ??=
    [
        new EmuService(StockServicePath, 4, SapEwmSpecs.AvailableStock, ContractFiles.ReadText("sap-ewm/warehouse-available-stock.edmx"), HandleStock),
        new EmuService(DeliveryServicePath, 4, SapEwmSpecs.OutboundDeliveryOrder, SapEwmSpecs.ToMetadataXml(SapEwmSpecs.OutboundDeliveryOrder), HandleDeliveries),
        new EmuService(SalesOrderServicePath, 2, SapEwmSpecs.SalesOrder, ContractFiles.ReadText("sap-ewm/sales-order.edmx"), HandleSalesOrders),
        new EmuService(CustomerReturnServicePath, 2, SapEwmSpecs.CustomerReturn, ContractFiles.ReadText("sap-ewm/customer-return.edmx"), HandleCustomerReturns),
        new EmuService(ReturnsInspectionServicePath, 4, SapEwmSpecs.ReturnsInspection, ContractFiles.ReadText("sap-ewm/returns-inspection.edmx"), HandleInspections),
        new EmuService(WarehouseTaskServicePath, 4, SapEwmSpecs.WarehouseOrderTask, ContractFiles.ReadText("sap-ewm/warehouse-order-task.edmx"), HandleTasks),
        new EmuService(HandlingUnitServicePath, 4, SapEwmSpecs.HandlingUnit, SapEwmSpecs.ToMetadataXml(SapEwmSpecs.HandlingUnit), HandleHandlingUnits),
    ];

    private EmuService[]? _services;

    private sealed class EmuSession
    {
        public required string Id { get; init; }

        public string? Token { get; set; }

        public DateTimeOffset TokenIssued { get; set; }
    }

    private sealed record EmuService(string Path, int Version, IEdmModel Model, string MetadataXml, Func<HttpContext, SapEwmEmulatorRequest, string, EmuResponse> Handler);
}
