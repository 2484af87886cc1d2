using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AgentHub.Tests.EndToEnd;

/// <summary>
/// The Brain across instances: two app processes on one SQLite file, sources added on both, and each source is read
/// and indexed by exactly one of them (the lease <c>brain:{id}</c>), its passages present once.
/// </summary>
public sealed partial class BrainInstancesTests : TwoInstancesTestBase
{
    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["Brain:PollInterval"] = "00:00:00.100",
        ["Logging:LogLevel:AgentHub.Core.Brain.BrainIngestion"] = "Information", // a line per source indexed
    };

    [Fact]
    public async Task TwoProcessesOnOneDatabase_IndexEachSourceOnce()
    {
        var (first, second) = await SignInAsync("owner@brain-two.test");
        var ids = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            var client = i % 2 == 0 ? first : second;
            var text = string.Join("\n\n", Enumerable.Range(0, 30).Select(p => $"## Part {p}\n\nNote {i}, paragraph {p}: the bakery opens at {7 + (p % 3)} am and sells sourdough number {i * 100 + p}."));
            var added = await client.PostAsJsonAsync("/api/brain/sources", new { kind = "note", title = $"Note {i}", text });
            Assert.Equal(System.Net.HttpStatusCode.Accepted, added.StatusCode);
            ids.Add((string)(await added.Content.ReadFromJsonAsync<JsonObject>())!["id"]!);
        }

        var chunks = 0;
        foreach (var id in ids)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            JsonObject source;
            while ((string)(source = (await first.GetFromJsonAsync<JsonObject>($"/api/brain/sources/{id}"))!)["status"]! != "ready")
            {
                Assert.NotEqual("error", (string)source["status"]!);
                Assert.True(DateTime.UtcNow < deadline, $"source {source}");
                await Task.Delay(50);
            }

            chunks += (int)source["chunk_count"]!;
        }

        // Each source indexed by one process, once.
        var indexed = IndexedLine().Matches(First.Output + Second.Output).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(ids.Order(), indexed.Order());

        // And its passages are there once: a word of one passage finds exactly that passage.
        var hits = (await second.GetFromJsonAsync<JsonObject>("/api/brain/search?q=sourdough%20number%20507&k=20"))!["results"]!.AsArray();
        Assert.Single(hits, h => ((string)h!["text"]!).Contains("number 507", StringComparison.Ordinal));
        Assert.True(chunks >= 10, $"{chunks} chunks");
    }

    [GeneratedRegex(@"Brain source ([0-9a-f-]{36}) indexed")]
    private static partial Regex IndexedLine();
}
