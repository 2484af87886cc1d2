using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AgentHub.Tests.Infrastructure;
using AgentHub.Tests.Web.Api;

namespace AgentHub.Tests.Conversations;

/// <summary>
/// Conversations end to end: the real OpenAI adapter streaming from the loopback model (`stream: true`, SSE chunks,
/// tool-call deltas, usage in the last chunk), follow-ups that hold the earlier turns, a summary past the context
/// budget, the turn's event stream (live, then replayed), hand-offs between helpers, and who may do what.
/// </summary>
public sealed class ConversationEndpointsTests : TaskTestBase
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Chat:MaxContextTokens"] = "600",
    };

    private async Task<string> StartAsync(string agent, HttpClient? client = null)
    {
        using var response = await (client ?? Client).PostAsJsonAsync("/api/conversations", new { agent_id = agent });
        var conversation = await ReadJsonAsync(response, 201);
        Assert.Equal($"/api/conversations/{conversation["id"]}", response.Headers.Location?.OriginalString);
        return (string)conversation["id"]!;
    }

    private async Task<Guid> PostAsync(string conversation, string text)
    {
        using var response = await Client.PostAsJsonAsync($"/api/conversations/{conversation}/messages", new { text });
        var accepted = await ReadJsonAsync(response, 202);
        return Guid.Parse((string)accepted["turn_id"]!);
    }

    /// <summary>Reads a turn's event stream until <c>done</c> (or until <paramref name="stopWhen"/> says so): (event, data) pairs.</summary>
    private async Task<List<(string Event, JsonObject Data)>> ReadStreamAsync(
        string conversation, Guid turn, Func<List<(string Event, JsonObject Data)>, bool>? stopWhen = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/conversations/{conversation}/turns/{turn}/stream");
        using var response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var events = new List<(string, JsonObject)>();
        string? type = null;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                events.Add((type ?? "message", JsonNode.Parse(line["data: ".Length..])!.AsObject()));
                if (type == "done" || (stopWhen?.Invoke(events) ?? false))
                {
                    break;
                }
            }
        }

        return events;
    }

    private static string Text(IEnumerable<(string Event, JsonObject Data)> events) =>
        string.Concat(events.Where(e => e.Event == "delta").Select(e => (string)e.Data["text"]!));

    [Fact]
    public async Task AnAnswer_Streams_PartOfItBeforeTheTurnEnds_AndTheStreamReplaysItWholeAfterwards()
    {
        const string answer = "Here is a caption for the spring menu: fresh strawberries, warm brioche and our new lemon tart.";
        Model.Responder = _ => ModelReply.Say(answer);
        Model.StreamGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Model.GateAfterChunks = 4;
        var conversation = await StartAsync("penn");
        var turn = await PostAsync(conversation, "Write a caption for the spring menu");

        // The first words arrive while the model is still writing (it is held after a few chunks).
        var early = await ReadStreamAsync(conversation, turn, events => events.Any(e => e.Event == "delta"));
        Assert.StartsWith(Text(early), answer);
        Assert.NotEqual(answer, Text(early));
        var running = await GetJsonAsync($"/api/conversations/{conversation}");
        Assert.Equal("running", (string)running["turns"]![0]!["status"]!);

        Model.StreamGate.SetResult();
        var live = await ReadStreamAsync(conversation, turn);
        Assert.Equal("done", live[^1].Event);
        Assert.Equal("answered", (string)live[^1].Data["status"]!); // nothing connected: Penn answers from what it knows
        Assert.Equal(answer, (string)live[^1].Data["result"]!);

        // Opened after the turn ended, the stream tells it again from its start: every word, then done.
        var replay = await ReadStreamAsync(conversation, turn);
        Assert.Equal(answer, Text(replay));
        Assert.True(replay.Count(e => e.Event == "delta") >= 1);

        // Streamed through the real adapter, which asks for the usage in the last chunk.
        var request = JsonNode.Parse(Model.RawRequests.Last())!;
        Assert.True((bool)request["stream"]!);
        Assert.True((bool)request["stream_options"]!["include_usage"]!);

        // The conversation lists its turn with the answer whole; the streamed pieces are not timeline steps.
        var read = await GetJsonAsync($"/api/conversations/{conversation}");
        Assert.Equal(answer, (string)read["turns"]![0]!["result"]!);
        Assert.DoesNotContain(read["turns"]![0]!["steps"]!.AsArray(), s => (string)s!["kind"]! == "delta");
        Assert.Equal("Write a caption for the spring menu", (string)read["title"]!);
    }

    [Fact]
    public async Task AFollowUp_HoldsTheEarlierTurns()
    {
        Model.Responder = turn => ModelReply.Say(turn.Messages.Count(m => (string?)m!["role"] == "user") == 1
            ? "Fresh strawberries and warm brioche, all spring long."
            : "Strawberries, brioche: spring.");
        var conversation = await StartAsync("penn");
        await ReadStreamAsync(conversation, await PostAsync(conversation, "Write a caption for the spring menu"));

        var followUp = await PostAsync(conversation, "Shorter");
        var done = await ReadStreamAsync(conversation, followUp);
        Assert.Equal("Strawberries, brioche: spring.", (string)done[^1].Data["result"]!);

        var messages = Model.Turns.Last().Messages.Select(m => ((string)m!["role"]!, m["content"]?.ToString())).ToList();
        Assert.Equal(
            [("user", "Write a caption for the spring menu"), ("assistant", "Fresh strawberries and warm brioche, all spring long."), ("user", "Shorter")],
            messages.Skip(1).ToList());

        var list = (await GetJsonAsync("/api/conversations?agent_id=penn"))["conversations"]!.AsArray();
        var listed = Assert.Single(list, c => (string)c!["id"]! == conversation)!;
        Assert.Equal(2, (int)listed["turn_count"]!);
        Assert.Equal("answered", (string)listed["last_status"]!);
    }

    [Fact]
    public async Task PastTheContextBudget_TheOldestTurnsAreSummarised_AndTheSummaryIsKeptAndShown()
    {
        var filler = string.Join(' ', Enumerable.Repeat("The spring menu has strawberries, brioche, lemon tart and rhubarb crumble.", 28));
        Model.Responder = turn => (string?)turn.Messages[0]!["content"] is { } system && system.StartsWith("You summarise", StringComparison.Ordinal)
            ? ModelReply.Say("SUMMARY: the person asked for spring menu captions; the helper wrote long ones.")
            : ModelReply.Say(filler);
        var conversation = await StartAsync("penn");
        foreach (var ask in new[] { "First caption", "Second caption", "Third caption" })
        {
            await ReadStreamAsync(conversation, await PostAsync(conversation, ask));
        }

        // The third turn's history (two long turns) passed 600 tokens: the first was summarised, the second kept.
        var summarised = Model.Turns.Single(t => ((string?)t.Messages[0]!["content"])!.StartsWith("You summarise", StringComparison.Ordinal));
        Assert.Contains("First caption", summarised.Messages[1]!["content"]!.ToString());
        var third = Model.Turns.Last();
        var sent = string.Join('\n', third.Messages.Select(m => m!["content"]?.ToString()));
        Assert.Contains("SUMMARY: the person asked", sent);
        Assert.DoesNotContain("First caption", sent);
        Assert.Contains("Second caption", sent);

        var read = await GetJsonAsync($"/api/conversations/{conversation}");
        Assert.Equal("SUMMARY: the person asked for spring menu captions; the helper wrote long ones.", (string)read["summary"]!);
        Assert.Equal(1, (int)read["summarized_turns"]!);
        Assert.Equal(3, read["turns"]!.AsArray().Count); // the turns themselves stay readable
    }

    [Fact]
    public async Task AHandOff_RunsTheOtherHelpersRead_AndItsWriteWaitsForApproval()
    {
        await ConnectProviderAsync("soshie", "twitter");
        Model.Responder = turn =>
        {
            var system = (string)turn.Messages[0]!["content"]!;
            if (system.StartsWith("You are Penn", StringComparison.Ordinal))
            {
                return turn.ToolResults.Count == 0
                    ? ModelReply.Call("ask_soshie", new { question = "Post our spring caption on X: Strawberries are back!" })
                    : ModelReply.Say("Soshie prepared the post; it waits for your approval in the Inbox.");
            }

            // Soshie: reads first, then asks to post (a write).
            return turn.CalledTools.Count switch
            {
                0 => ModelReply.Call("twitter_search_recent_posts", new { query = "strawberries" }),
                1 => ModelReply.Call("twitter_create_post", new { text = "Strawberries are back!" }),
                _ => ModelReply.Say("Posted."),
            };
        };
        var conversation = await StartAsync("penn");
        var turn = await PostAsync(conversation, "Write a spring caption and have Soshie post it");
        var events = await ReadStreamAsync(conversation, turn);

        Assert.Equal("answered", (string)events[^1].Data["status"]!); // asking a helper is not acting through a connection
        Assert.Contains(events, e => e.Event == "tool_call" && (string)e.Data["tool"]! == "ask_soshie");
        var handOff = Assert.Single(events, e => e.Event == "tool_result" && (string)e.Data["tool"]! == "ask_soshie").Data;
        var subTaskId = (string)handOff["linked_task_id"]!;

        // Soshie ran her own read, with her own tools (she may not ask Penn back: no cycles)...
        Assert.Single(Providers.RequestsFor("twitter"), r => r.Path == "/2/tweets/search/recent");
        var soshieTurn = Model.Turns.First(t => ((string)t.Messages[0]!["content"]!).StartsWith("You are Soshie", StringComparison.Ordinal));
        Assert.Contains("twitter_create_post", soshieTurn.ToolNames);
        Assert.DoesNotContain("ask_penn", soshieTurn.ToolNames);
        Assert.Contains("ask_cassie", soshieTurn.ToolNames);

        // ...and her write waits for approval like any other, in the Inbox, nothing sent.
        var sub = await GetJsonAsync($"/api/tasks/{subTaskId}");
        Assert.Equal("awaiting_approval", (string)sub["status"]!);
        Assert.Equal("soshie", (string)sub["agent_id"]!);
        Assert.Equal(turn.ToString(), (string)sub["parent_task_id"]!);
        var approval = Assert.Single(sub["approvals"]!.AsArray())!;
        Assert.Equal("pending", (string)approval["status"]!);
        Assert.DoesNotContain(Providers.RequestsFor("twitter"), r => r.Method == "POST");
        var inbox = (await GetJsonAsync("/api/approvals"))["approvals"]!.AsArray();
        Assert.Contains(inbox, a => (string)a!["id"]! == (string)approval["id"]!);

        // Penn heard that the post waits for approval.
        var pennResult = Model.Turns.Last(t => ((string)t.Messages[0]!["content"]!).StartsWith("You are Penn", StringComparison.Ordinal)).ToolResults.Single().Content;
        Assert.Contains("waiting_for_approval", pennResult);
    }

    [Fact]
    public async Task AMember_ReadsButCannotWrite_AndAnotherWorkspacesConversationIsNotFound()
    {
        Model.Responder = _ => ModelReply.Say("Hello.");
        var conversation = await StartAsync("penn");
        await ReadStreamAsync(conversation, await PostAsync(conversation, "Hello"));

        var member = await InviteAsync(Unique("member@acme.test"), "member");
        Assert.Single((await ReadJsonAsync(await member.Client.GetAsync($"/api/conversations/{conversation}"), 200))["turns"]!.AsArray());
        await ReadProblemAsync(await member.Client.PostAsJsonAsync($"/api/conversations/{conversation}/messages", new { text = "Hi" }), 403);
        await ReadProblemAsync(await member.Client.PostAsJsonAsync("/api/conversations", new { agent_id = "penn" }), 403);
        await ReadProblemAsync(await member.Client.DeleteAsync($"/api/conversations/{conversation}"), 403);

        var other = await Factory.CreateUserAsync(Unique("owner@other.test"));
        await ReadProblemAsync(await other.Client.GetAsync($"/api/conversations/{conversation}"), 404);
        await ReadProblemAsync(await other.Client.PostAsJsonAsync($"/api/conversations/{conversation}/messages", new { text = "Hi" }), 404);
        var turn = (string)(await GetJsonAsync($"/api/conversations/{conversation}"))["turns"]![0]!["id"]!;
        await ReadProblemAsync(await other.Client.GetAsync($"/api/conversations/{conversation}/turns/{turn}/stream"), 404);
        Assert.Empty((await ReadJsonAsync(await other.Client.GetAsync("/api/conversations"), 200))["conversations"]!.AsArray());

        // Bad input: field errors, never a 500.
        var problem = await ReadProblemAsync(await Client.PostAsJsonAsync($"/api/conversations/{conversation}/messages", new { text = "  " }), 400);
        Assert.NotNull(problem["errors"]!["text"]);
        problem = await ReadProblemAsync(await Client.PostAsJsonAsync("/api/conversations", new { agent_id = "nobody" }), 400);
        Assert.NotNull(problem["errors"]!["agent_id"]);

        // Deleting removes the conversation and its turns.
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"/api/conversations/{conversation}")).StatusCode);
        await ReadProblemAsync(await Client.GetAsync($"/api/conversations/{conversation}"), 404);
        await ReadProblemAsync(await Client.GetAsync($"/api/tasks/{turn}"), 404);
    }

    [Fact]
    public async Task ATaskAskedThroughTheTasksApi_IsAOneTurnConversation()
    {
        Model.Responder = _ => ModelReply.Say("Done it.");
        var task = await CreateTaskAsync("penn", "Write a tagline");
        var done = await WaitForAsync(task, "answered");
        var conversationId = (string)done["conversation_id"]!;
        Assert.Equal(1, (int)done["turn_index"]!);

        var conversation = await GetJsonAsync($"/api/conversations/{conversationId}");
        Assert.Equal("Write a tagline", (string)conversation["title"]!);
        Assert.Equal(task.ToString(), (string)Assert.Single(conversation["turns"]!.AsArray())!["id"]!);
    }
}
