using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentHub.Tests.Infrastructure;

namespace AgentHub.Tests.EndToEnd;

/// <summary>
/// Conversations across instances: two app processes on one SQLite file run each turn once, follow-ups posted to
/// either instance hold the earlier turns, and a turn's event stream read from the instance that did not run it
/// replays the whole answer.
/// </summary>
public sealed class ConversationInstancesTests : TwoInstancesTestBase
{
    private static async Task<string> StartAsync(HttpClient client, string agent)
    {
        using var response = await client.PostAsJsonAsync("/api/conversations", new { agent_id = agent });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    private static async Task<string> PostAsync(HttpClient client, string conversation, string text)
    {
        using var response = await client.PostAsJsonAsync($"/api/conversations/{conversation}/messages", new { text });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["turn_id"]!;
    }

    private static async Task<JsonObject> WaitForTurnAsync(HttpClient client, string conversation, int turns)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var view = (await client.GetFromJsonAsync<JsonObject>($"/api/conversations/{conversation}"))!;
            var all = view["turns"]!.AsArray();
            if (all.Count == turns && (string)all[^1]!["status"]! is "succeeded" or "answered")
            {
                return view;
            }

            Assert.True(DateTime.UtcNow < deadline, $"conversation {conversation}: {all.Count} turns, last {all.LastOrDefault()?["status"]}");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task TwoProcesses_RunEachTurnOnce_AndFollowUpsOnEitherHoldTheEarlierTurns()
    {
        var (first, second) = await SignInAsync("owner@conversations-two.test");
        Model.Responder = turn => ModelReply.Say($"Answer to: {turn.Messages.Last(m => (string?)m!["role"] == "user")!["content"]}");

        // Six conversations started and posted to alternately on both instances, at once.
        var conversations = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            conversations.Add(await StartAsync(i % 2 == 0 ? first : second, "penn"));
        }

        await Task.WhenAll(conversations.Select((c, i) => PostAsync(i % 2 == 0 ? second : first, c, $"Opening {i}")));
        foreach (var conversation in conversations)
        {
            await WaitForTurnAsync(first, conversation, 1);
        }

        Assert.Equal(6, Model.Turns.Count);
        Assert.Equal(6, Model.Turns.Select(t => t.UserText).Distinct().Count());

        // Follow-ups on one conversation alternate instances: each is run once and its request holds every earlier turn.
        var followed = conversations[0];
        for (var i = 1; i <= 3; i++)
        {
            await PostAsync(i % 2 == 0 ? first : second, followed, $"Follow-up {i}");
            await WaitForTurnAsync(i % 2 == 0 ? second : first, followed, i + 1);
        }

        Assert.Equal(9, Model.Turns.Count);
        var last = Model.Turns.Last();
        var said = last.Messages.Select(m => (string?)m!["content"] ?? "").ToList();
        Assert.Contains("Opening 0", said);
        Assert.Contains("Answer to: Opening 0", said);
        Assert.Contains("Follow-up 1", said);
        Assert.Contains("Answer to: Follow-up 2", said);
        Assert.Equal("Follow-up 3", said[^1]);
        Assert.Single(Model.Turns, t => t.Messages.Last()!["content"]?.ToString() == "Follow-up 2");
    }

    [Fact]
    public async Task ATurnsStream_ReadFromTheOtherInstance_ReplaysTheWholeAnswer()
    {
        var (first, second) = await SignInAsync("owner@conversations-stream.test");
        const string answer = "Three ideas for Tuesday: a behind-the-scenes reel, a customer story and a poll.";
        Model.Responder = _ => ModelReply.Say(answer);
        var conversation = await StartAsync(first, "soshie");
        var turn = await PostAsync(first, conversation, "Ideas for Tuesday");
        await WaitForTurnAsync(first, conversation, 1);

        using var response = await second.GetAsync($"/api/conversations/{conversation}/turns/{turn}/stream", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var text = "";
        string? type = null;
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && type == "delta")
            {
                text += (string)JsonNode.Parse(line["data: ".Length..])!["text"]!;
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal) && type == "done")
            {
                break;
            }
        }

        Assert.Equal(answer, text);
        Assert.Single(Model.Turns);
    }
}
