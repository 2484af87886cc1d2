using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentHub.Tests.Web.Api;

namespace AgentHub.Tests.Brain;

/// <summary>The Brain's API tests: the app with the loopback model, sources read at once, and helpers to add, wait and search.</summary>
public abstract class BrainTestBase : TaskTestBase
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Brain:PollInterval"] = "00:00:00.200",
    };

    protected async Task<JsonNode> AddNoteAsync(string title, string text, HttpClient? client = null) =>
        await ReadJsonAsync(await (client ?? Client).PostAsJsonAsync("/api/brain/sources", new { kind = "note", title, text }), 202);

    protected async Task<JsonNode> WaitForSourceAsync(string id, string status, HttpClient? client = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var source = await ReadJsonAsync(await (client ?? Client).GetAsync($"/api/brain/sources/{id}"), 200);
            var current = (string)source["status"]!;
            if (current == status)
            {
                return source;
            }

            Assert.False(current is "ready" or "error", $"source ended {current}, waiting for {status}: {source}");
            Assert.True(DateTime.UtcNow < deadline, $"source still {current}, waiting for {status}: {source}");
            await Task.Delay(50);
        }
    }

    protected async Task<JsonArray> SearchAsync(string q, HttpClient? client = null) =>
        (await ReadJsonAsync(await (client ?? Client).GetAsync($"/api/brain/search?q={Uri.EscapeDataString(q)}&k=5"), 200))["results"]!.AsArray();

    protected static MultipartFormDataContent FilePart(byte[] content, string name)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", name);
        return form;
    }

    /// <summary>
    /// Retrieval quality on the evaluation set (a French and English corpus): the share of questions for which a
    /// passage that answers it is among the first five results, and the questions missed.
    /// </summary>
    protected async Task<(double Recall, IReadOnlyList<string> Missed)> EvaluateAsync()
    {
        foreach (var (title, text) in BrainEvaluationSet.Notes)
        {
            await WaitForSourceAsync((string)(await AddNoteAsync(title, text))["id"]!, "ready");
        }

        var missed = new List<string>();
        foreach (var (question, answer) in BrainEvaluationSet.Questions)
        {
            var results = await SearchAsync(question);
            if (!results.Any(r => ((string)r!["text"]!).Contains(answer, StringComparison.Ordinal)))
            {
                missed.Add(question);
            }
        }

        Assert.True(BrainEvaluationSet.Questions.Count >= 30);
        return (1.0 - (double)missed.Count / BrainEvaluationSet.Questions.Count, missed);
    }
}
