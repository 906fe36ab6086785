using System.Text.Json.Nodes;

namespace Connectors.Testing.Magento.Internal;

/// <summary>An answer of the emulator: a status and a JSON body (Magento's error shape for errors).</summary>
internal sealed record Answer(int Status, JsonNode? Body)
{
    public static Answer Json(JsonNode? body) => new(200, body);

    public static Answer Error(int status, string message, JsonNode? parameters = null)
    {
        var body = new JsonObject { ["message"] = message };
        if (parameters is not null)
        {
            body["parameters"] = parameters;
        }

        return new Answer(status, body);
    }

    /// <summary>Magento's <c>InputException::requiredField</c>.</summary>
    public static Answer Required(string field) => Error(400, "\"%fieldName\" is required. Enter and try again.", new JsonObject { ["fieldName"] = field });

    /// <summary>Magento's <c>NoSuchEntityException</c> default message.</summary>
    public static Answer NoSuchEntity() => Error(404, "The entity that was requested doesn't exist. Verify the entity and try again.");

    /// <summary>Magento's <c>AuthorizationException</c> for a consumer without access.</summary>
    public static Answer Unauthorized(string resource) =>
        Error(401, "The consumer isn't authorized to access %resources.", new JsonObject { ["resources"] = resource });
}
