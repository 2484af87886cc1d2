using System.Text.Json.Nodes;

namespace AgentHub.Tests.Infrastructure;

/// <summary>An action with example arguments and the requests it must produce, in order.</summary>
public sealed record FakeAction(string ProviderId, string Name, string Arguments, params FakeActionCall[] Calls)
{
    public string Tool => $"{ProviderId}_{Name}";
    public JsonObject ArgumentsObject => JsonNode.Parse(Arguments)!.AsObject();
    public override string ToString() => Tool;
}
