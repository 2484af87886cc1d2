using System.Text.Json.Nodes;
using AgentHub.Tests.Infrastructure;

namespace AgentHub.Tests.Web.Api;

/// <summary>
/// Issue 20, stumble 2: a task whose agent has nothing connected is offered no tool, so it can only answer from what
/// the model knows; it ends "answered" (neutral), not "succeeded", and it has ended like any finished task.
/// </summary>
public sealed class AnsweredTaskTests : TaskTestBase
{
    [Fact]
    public async Task AskingCassie_WithNothingConnected_EndsAnswered_AndTheModelIsOfferedNoTool()
    {
        Model.Responder = _ => ModelReply.Say("I have no tool for that.");

        var taskId = await CreateTaskAsync("cassie", "Reply to the latest Zendesk ticket");
        var done = await WaitForAsync(taskId, "answered");

        var turn = Assert.Single(Model.Turns);
        // No connection's tool: only the other helpers, whom Cassie may ask (hand-offs).
        Assert.DoesNotContain(turn.ToolNames, n => !n.StartsWith("ask_", StringComparison.Ordinal));
        Assert.Equal(["ask_soshie", "ask_seomi", "ask_dexter", "ask_buddy", "ask_emmie", "ask_penn"], turn.ToolNames);
        Assert.Equal("I have no tool for that.", (string)done["result"]!);
        Assert.NotNull(done["completed_at"]);
        // The reply is on the timeline, neither a success nor a failure.
        var result = done["steps"]!.AsArray().Single(s => (string)s!["kind"]! == "result")!;
        Assert.Null(result["succeeded"]);

        // The API's filter knows the status, and an answered task has ended: there is nothing to cancel.
        var answered = (await GetJsonAsync("/api/tasks?status=answered"))["tasks"]!.AsArray();
        Assert.Equal(taskId.ToString(), (string)Assert.Single(answered)!["id"]!);
        Assert.Empty((await GetJsonAsync("/api/tasks?status=succeeded"))["tasks"]!.AsArray());
        using var cancel = await Client.PostAsync($"/api/tasks/{taskId}/cancel", null);
        await ReadJsonAsync(cancel, 409);
        Assert.Equal("answered", (string)(await GetJsonAsync($"/api/tasks/{taskId}"))["status"]!);
    }

    [Fact]
    public async Task AskingCassie_WithZendeskConnected_StillEndsSucceeded_WithZendesksTools()
    {
        await ConnectProviderAsync("cassie", "zendesk");
        Model.Responder = _ => ModelReply.Say("Nothing new in Zendesk.");

        var done = await WaitForAsync(await CreateTaskAsync("cassie", "Anything new in Zendesk?"), "succeeded");

        Assert.Equal(["zendesk_list_recent_tickets", "zendesk_get_ticket", "zendesk_reply_to_ticket"], Assert.Single(Model.Turns).ToolNames.Where(n => !n.StartsWith("ask_", StringComparison.Ordinal)));
        Assert.Equal("Nothing new in Zendesk.", (string)done["result"]!);
        var result = done["steps"]!.AsArray().Single(s => (string)s!["kind"]! == "result")!;
        Assert.True((bool)result["succeeded"]!);
    }

    [Fact]
    public async Task AnUnknownStatusFilter_ListsAnswered_AmongTheStatuses()
    {
        using var response = await Client.GetAsync("/api/tasks?status=done");

        var problem = await ReadJsonAsync(response, 400);
        Assert.Contains("answered", (string)problem["errors"]!["status"]![0]!);
    }
}
