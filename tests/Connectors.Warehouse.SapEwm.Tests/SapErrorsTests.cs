using Connectors.Warehouse.SapEwm.Internal.OData;

namespace Connectors.Warehouse.SapEwm.Tests;

public sealed class SapErrorsTests
{
    [Fact]
    public void TryParse_V2Body_MessageValueAndErrorDetails()
    {
        const string body = """
            {"error":{"code":"V1/390","message":{"lang":"en","value":"Material X does not exist"},
             "innererror":{"transactionid":"ABC123","errordetails":[{"code":"V1/390","message":"Material X does not exist","propertyref":"","severity":"error","target":"Material"},
                                                                  {"code":"V1/555","message":"Check the entry","severity":"warning","target":""}]}}}
            """;

        var parsed = SapErrors.TryParse(body)!;

        Assert.Equal("V1/390", parsed.Code);
        Assert.Equal("Material X does not exist", parsed.Message);
        Assert.Equal("ABC123", parsed.TransactionId);
        Assert.Equal([("V1/390", "Material", "error"), ("V1/555", null, "warning")], parsed.Details.Select(d => (d.Code, d.Target, d.Severity)));
    }

    [Fact]
    public void TryParse_V4Body_DetailsWithNumericSeverityAndTransactionId()
    {
        const string body = """
            {"error":{"code":"/SCWM/DLV_ODO/031","message":"Goods issue is posted","target":"ProductQuantity",
             "details":[{"code":"/SCWM/DLV_ODO/031","message":"Goods issue is posted","@SAP__common.numericSeverity":4}],
             "innererror":{"ErrorDetails":{"@SAP__common.TransactionId":"T-9"}}}}
            """;

        var parsed = SapErrors.TryParse(body)!;

        Assert.Equal("/SCWM/DLV_ODO/031", parsed.Code);
        Assert.Equal("Goods issue is posted", parsed.Message);
        Assert.Equal("T-9", parsed.TransactionId);
        Assert.Equal("error", Assert.Single(parsed.Details).Severity);
    }

    [Theory]
    [InlineData("<html><body>502</body></html>")]
    [InlineData("CSRF token validation failed")]
    [InlineData("{\"message\":\"no error object\"}")]
    [InlineData("{\"error\":")]
    public void TryParse_NotAnSapErrorBody_Null(string body) => Assert.Null(SapErrors.TryParse(body));
}
