using System.Text.Json;
using Connectors.Magento.Internal;

namespace Connectors.Magento.Tests;

public sealed class MagentoErrorsTests
{
    [Fact]
    public void Render_PositionalParameters_ReplacesEachPlaceholder()
    {
        using var parameters = JsonDocument.Parse("""["SKU-1", "default"]""");

        Assert.Equal("The product SKU-1 is not assigned to default (%3 stays).", MagentoErrors.Render("The product %1 is not assigned to %2 (%3 stays).", parameters.RootElement));
    }

    [Fact]
    public void Render_NamedParameters_ReplacesByName()
    {
        using var parameters = JsonDocument.Parse("""{"fieldName": "carrier_code", "n": 3}""");

        Assert.Equal("\"carrier_code\" is required (3).", MagentoErrors.Render("\"%fieldName\" is required (%n).", parameters.RootElement));
    }

    [Fact]
    public void Map_ValidationFailedWithNestedErrors_RendersThemAllAndIsPermanent()
    {
        const string body = """{"message":"Validation Failed","errors":[{"message":"Source with code \"%code\" does not exist.","parameters":{"code":"eu-2"}}]}""";

        var error = MagentoErrors.Map(400, body, "application/json", null, "POST inventory/source-items", null);

        Assert.False(error.IsTransient);
        Assert.Contains("Validation Failed [Source with code \"eu-2\" does not exist.]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_Unauthorized_IsAnAuthenticationError()
    {
        const string body = """{"message":"The consumer isn't authorized to access %resources.","parameters":{"resources":"Magento_Sales::actions_view"}}""";

        var error = MagentoErrors.Map(401, body, "application/json", null, "GET orders", null);

        var auth = Assert.IsType<ConnectorAuthenticationException>(error);
        Assert.Contains("isn't authorized to access Magento_Sales::actions_view.", auth.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_NotFound_IsANotFoundError()
    {
        var error = MagentoErrors.Map(404, """{"message":"The entity that was requested doesn't exist. Verify the entity and try again."}""", "application/json", null, "GET orders/9", null);

        Assert.IsType<ConnectorNotFoundException>(error);
    }

    [Fact]
    public void Map_HtmlMaintenancePage_IsTransientAndQuotesThePage()
    {
        var error = MagentoErrors.Map(503, "<!doctype html><html><body><h1>Service Temporarily Unavailable</h1></body></html>", "text/html", TimeSpan.FromSeconds(5), "GET orders", null);

        Assert.True(error.IsTransient);
        Assert.Equal(TimeSpan.FromSeconds(5), error.RetryAfter);
        Assert.Contains("text/html", error.Message, StringComparison.Ordinal);
        Assert.Contains("Service Temporarily Unavailable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonStart_PhpNoticeBeforeJson_SkipsTheNotice()
    {
        var json = MagentoErrors.JsonStart("<br />\n<b>Deprecated</b>: Creation of dynamic property in <b>x.php</b> on line <b>4</b><br />\n{\"items\":[]}", out var skipped);

        Assert.True(skipped);
        Assert.Equal("{\"items\":[]}", json);
    }

    [Theory]
    [InlineData("17")]
    [InlineData("true")]
    [InlineData("\"token\"")]
    public void JsonStart_ScalarServiceResult_IsJson(string body)
    {
        // POST /V1/order/{id}/ship answers the shipment id as a bare integer, comments answer true, the admin token a string.
        Assert.Equal(body, MagentoErrors.JsonStart(body, out _));
    }
}
