using System.Text.Json.Nodes;
using AgentHub.Core.Actions;
using AgentHub.Integrations.Catalog;

namespace AgentHub.Tests.Core;

/// <summary>What JSON Schema alone lets through in a model's tool arguments, and must not reach a provider request.</summary>
public sealed class ActionArgumentsTests
{
    private static readonly IntegrationCatalog Catalog = CatalogLoader.LoadEmbedded();
    private readonly ActionArguments _arguments = new();

    [Theory]
    [InlineData("1e+300")]
    [InlineData("1.5")]
    [InlineData("9223372036854775808")]
    public void AnIntegerOutOfRange_IsAValidationErrorForTheModel_NotAnException(string number)
    {
        var (prepared, error) = _arguments.Prepare(Catalog.FindTool("zendesk_get_ticket")!, JsonNode.Parse($$"""{"ticket_id": {{number}}}""")!.AsObject());

        Assert.Null(prepared);
        Assert.Contains("ticket_id", error);
    }

    [Fact]
    public void AnIntegerInExponentForm_IsSentAsPlainDigits()
    {
        var (prepared, error) = _arguments.Prepare(Catalog.FindTool("zendesk_get_ticket")!, JsonNode.Parse("""{"ticket_id": 1.2e2}""")!.AsObject());

        Assert.Null(error);
        Assert.Equal("""{"ticket_id":120}""", prepared!.ToJsonString());
    }

    [Theory]
    [InlineData("123\n")]
    [InlineData("123\r\n")]
    [InlineData("12a")]
    public void APattern_MatchesTheWholeValue_ATrailingNewlineIsRefused(string id)
    {
        var (prepared, error) = _arguments.Prepare(Catalog.FindTool("intercom_get_conversation")!, new JsonObject { ["conversation_id"] = id });

        Assert.Null(prepared);
        Assert.Contains("conversation_id", error);
    }

    [Fact]
    public void AValueThatMatchesItsPattern_IsAccepted()
    {
        var (prepared, error) = _arguments.Prepare(Catalog.FindTool("intercom_get_conversation")!, new JsonObject { ["conversation_id"] = "123" });

        Assert.Null(error);
        Assert.Equal("123", (string)prepared!["conversation_id"]!);
    }
}
