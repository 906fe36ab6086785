using System.Globalization;
using System.Text.Json.Nodes;

namespace Connectors.Testing.Shopify.Internal;

/// <summary>
/// Fulfilment services: <c>fulfillmentServiceCreate</c> (a service with its own location), <c>shop.fulfillmentServices</c>,
/// <c>assignedFulfillmentOrders</c> (fulfilment orders at the app's service locations, by assignment status) and the
/// four request answers, with Shopify's request-status transitions and errors for an answer in the wrong state.
/// </summary>
internal sealed partial class EmulatorGraph
{
    private readonly List<EmuFulfillmentService> _services = [];

    public EmuFulfillmentService? FindService(string name)
    {
        lock (_gate)
        {
            return _services.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>
    /// The merchant requests fulfilment of the order's open fulfilment orders from the service at <paramref name="location"/>.
    /// An incomplete one (closed by the service with units left) is requested again on a new fulfilment order holding
    /// the units left (schema, <c>FulfillmentOrderSubmitFulfillmentRequestPayload.submittedFulfillmentOrder</c>: "the
    /// same as the original fulfillment order ... The exception to this is partial fulfillment requests or fulfillment
    /// request for cancelled or incomplete fulfillment orders"). Assumption, as <c>fulfillmentOrderMove</c> here: the
    /// original keeps only its fulfilled units and is closed.
    /// </summary>
    public void SubmitFulfillmentRequest(EmuOrder order, long location)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            foreach (var fo in order.FulfillmentOrders.Where(f => f.Status == "INCOMPLETE" && f.Lines.Any(l => l.Remaining > 0)).ToList())
            {
                var rest = new EmuFulfillmentOrder { Id = NextId(), LocationId = fo.LocationId, Status = "OPEN", UpdatedAt = now };
                foreach (var line in fo.Lines.Where(l => l.Remaining > 0))
                {
                    rest.Lines.Add(new EmuFulfillmentOrderLine { Id = NextId(), Line = line.Line, Total = line.Remaining, Remaining = line.Remaining });
                    line.Total -= line.Remaining;
                    line.Remaining = 0;
                }

                fo.Lines.RemoveAll(l => l.Total == 0);
                fo.Status = "CLOSED";
                fo.UpdatedAt = now;
                order.FulfillmentOrders.Add(rest);
            }

            foreach (var fo in order.FulfillmentOrders.Where(f => f.Status == "OPEN" && f.RequestStatus is "UNSUBMITTED" or "REJECTED"))
            {
                fo.LocationId = location;
                fo.RequestStatus = "SUBMITTED";
                fo.UpdatedAt = now;
            }

            order.UpdatedAt = now;
        }
    }

    /// <summary>
    /// The service marks its in-progress, accepted fulfilment orders of the order as incomplete (<c>fulfillmentOrderClose</c>:
    /// "Marks an in-progress fulfillment order as incomplete, indicating the fulfillment service is unable to ship any
    /// remaining items, and closes the fulfillment request"): status <c>INCOMPLETE</c>, request status <c>CLOSED</c>.
    /// </summary>
    public int CloseIncomplete(EmuOrder order)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var count = 0;
            foreach (var fo in order.FulfillmentOrders.Where(f => f.Status == "IN_PROGRESS" && f.RequestStatus == "ACCEPTED" && _services.Any(s => s.LocationId == f.LocationId)))
            {
                fo.Status = "INCOMPLETE";
                fo.RequestStatus = "CLOSED";
                fo.UpdatedAt = now;
                count++;
            }

            order.UpdatedAt = now;
            return count;
        }
    }

    /// <summary>The merchant asks the service to cancel the accepted fulfilment orders of the order.</summary>
    public int RequestCancellation(EmuOrder order)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var count = 0;
            foreach (var fo in order.FulfillmentOrders.Where(f => f.RequestStatus is "ACCEPTED" or "CANCELLATION_REJECTED" && f.Status == "IN_PROGRESS"))
            {
                fo.RequestStatus = "CANCELLATION_REQUESTED";
                fo.UpdatedAt = now;
                count++;
            }

            return count;
        }
    }

    public IReadOnlyList<string> RequestStatuses(EmuOrder order)
    {
        lock (_gate)
        {
            return [.. order.FulfillmentOrders.Select(f => f.RequestStatus)];
        }
    }

    private (EmuOrder Order, EmuFulfillmentOrder Fo)? FindFulfillmentOrder(JsonNode? id)
    {
        var foId = ParseGid(id, "FulfillmentOrder");
        foreach (var order in _orders)
        {
            if (order.FulfillmentOrders.FirstOrDefault(f => f.Id == foId) is { } fo)
            {
                return (order, fo);
            }
        }

        return null;
    }

    private JsonObject Shop() => new()
    {
        ["id"] = Gid("Shop", 1),
        ["name"] = "Emulated shop",
        ["currencyCode"] = ShopCurrency,
        ["fulfillmentServices"] = new JsonArray([.. _services.Select(s => (JsonNode)ServiceJson(s))]),
    };

    private static JsonObject ServiceJson(EmuFulfillmentService s) => new()
    {
        ["id"] = Gid("FulfillmentService", s.Id) + "?id=true",
        ["serviceName"] = s.Name,
        ["handle"] = s.Name.ToLowerInvariant().Replace(' ', '-'),
        ["callbackUrl"] = s.CallbackUrl,
        ["inventoryManagement"] = true,
        ["trackingSupport"] = true,
        ["type"] = "THIRD_PARTY",
        ["location"] = new JsonObject { ["id"] = Gid("Location", s.LocationId) },
    };

    private JsonObject FulfillmentServiceCreate(JsonObject args)
    {
        var name = args["name"]?.GetValue<string>()?.Trim() ?? string.Empty;
        if (name.Length == 0)
        {
            return UserErrors(new JsonObject { ["fulfillmentService"] = null }, [UserError(["name"], "Name can't be blank")]);
        }

        if (_services.Any(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            return UserErrors(new JsonObject { ["fulfillmentService"] = null }, [UserError(["name"], "Name has already been taken")]);
        }

        var location = NextId();
        _locations[location] = name;
        foreach (var variant in _variants)
        {
            _levels.TryAdd((variant.InventoryItemId, location), 0);
        }

        var service = new EmuFulfillmentService { Id = NextId(), Name = name, LocationId = location, CallbackUrl = args["callbackUrl"]?.GetValue<string>() };
        _services.Add(service);
        return UserErrors(new JsonObject { ["fulfillmentService"] = ServiceJson(service) }, []);
    }

    private JsonObject AssignedFulfillmentOrders(JsonObject args, string query, JsonObject variables)
    {
        var serviceLocations = _services.Select(s => s.LocationId).ToHashSet();
        var wanted = args["locationIds"]?.AsArray().Select(n => ParseGid(n, "Location")).OfType<long>().ToHashSet();
        var requestStatus = args["assignmentStatus"]?.GetValue<string>() switch
        {
            null => null,
            "FULFILLMENT_REQUESTED" => "SUBMITTED",
            "FULFILLMENT_ACCEPTED" => "ACCEPTED",
            "CANCELLATION_REQUESTED" => "CANCELLATION_REQUESTED",
            "FULFILLMENT_UNSUBMITTED" => "UNSUBMITTED",
            var other => throw new EmulatorException($"Variable $assignmentStatus has an invalid value: '{other}'.", "INVALID_VARIABLE"),
        };
        var matches = _orders
            .SelectMany(o => o.FulfillmentOrders.Select(f => (Order: o, Fo: f)))
            .Where(x => serviceLocations.Contains(x.Fo.LocationId) && (wanted is null || wanted.Contains(x.Fo.LocationId)))
            .Where(x => requestStatus is null ? x.Fo.Status != "CLOSED" : x.Fo.RequestStatus == requestStatus)
            .OrderBy(x => x.Fo.Id)
            .ToList();
        return Connection(matches, args, x =>
        {
            var json = FulfillmentOrderJson(x.Order, x.Fo, query, variables);
            json["order"] = OrderJson(x.Order, query, variables);
            return json;
        });
    }

    private JsonObject AnswerRequest(JsonObject args, string from, string to, string status, string action)
    {
        var found = FindFulfillmentOrder(args["id"]);
        if (found is not { } hit)
        {
            return UserErrors(new JsonObject { ["fulfillmentOrder"] = null }, [UserError(["id"], "Fulfillment order does not exist.")]);
        }

        var (order, fo) = hit;
        if (!_services.Any(s => s.LocationId == fo.LocationId))
        {
            return UserErrors(new JsonObject { ["fulfillmentOrder"] = null }, [UserError(["id"], "The fulfillment order is not assigned to a location of this app's fulfillment service.")]);
        }

        if (fo.RequestStatus != from)
        {
            return UserErrors(
                new JsonObject { ["fulfillmentOrder"] = null },
                [UserError(["id"], string.Create(CultureInfo.InvariantCulture, $"Cannot {action}: the request status is {fo.RequestStatus}."))]);
        }

        fo.RequestStatus = to;
        fo.Status = status;
        fo.UpdatedAt = _time.GetUtcNow();
        order.UpdatedAt = fo.UpdatedAt;
        if (args["message"]?.GetValue<string>() is { } message)
        {
            order.Metafields["emulator.request_message_" + fo.Id.ToString(CultureInfo.InvariantCulture)] = message;
        }

        return UserErrors(
            new JsonObject { ["fulfillmentOrder"] = new JsonObject { ["id"] = Gid("FulfillmentOrder", fo.Id), ["status"] = fo.Status, ["requestStatus"] = fo.RequestStatus } },
            []);
    }
}
