using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentHub.Tests.Infrastructure;

namespace AgentHub.Tests.EndToEnd;

/// <summary>
/// A schedule every 2 seconds (real clock) with two app processes on one SQLite file, one of them killed and started
/// again midway: every occurrence from the first to the last starts exactly one task (and no other task starts), none is late, none is missed.
/// </summary>
public sealed class ScheduleInstancesTests : TwoInstancesTestBase
{
    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["Schedules:PollInterval"] = "00:00:00.200",
    };

    [Fact]
    public async Task TwoProcesses_AndARestart_StartOneTaskPerOccurrence()
    {
        var (first, _) = await SignInAsync("owner@schedules-two.test");
        Model.Responder = _ => ModelReply.Say("Checked.");
        var body = new { agent_id = "cassie", instruction = "Look for tickets nobody answered", cron = "*/2 * * * * *", time_zone = "UTC", enabled = true };
        using var created = await first.PostAsJsonAsync("/api/schedules", body);
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        var id = (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;

        await Task.Delay(TimeSpan.FromSeconds(6));
        await RestartSecondAsync(); // killed between occurrences; the first process goes on, then both again
        await Task.Delay(TimeSpan.FromSeconds(5));
        (await first.PutAsJsonAsync($"/api/schedules/{id}", body with { enabled = false })).EnsureSuccessStatusCode();

        // A task the killed process was running stays leased to it until the lease runs out (minutes): what is
        // proven here is the occurrences, each taken once with its own task, not how fast an orphan is picked up.
        await Task.Delay(TimeSpan.FromSeconds(1));
        var runs = (await first.GetFromJsonAsync<JsonObject>($"/api/schedules/{id}/runs"))!["runs"]!.AsArray();
        var tasks = (await first.GetFromJsonAsync<JsonObject>("/api/tasks"))!["tasks"]!.AsArray();

        var occurrences = runs.Select(r => DateTimeOffset.Parse((string)r!["occurrence"]!, CultureInfo.InvariantCulture)).Order().ToList();
        Assert.True(occurrences.Count >= 4, $"{occurrences.Count} runs in 11 s");
        Assert.All(runs, r => Assert.Equal("on_time", (string)r!["kind"]!));
        // Consecutive: every 2 s from the first to the last, none twice, none left out.
        Assert.Equal(occurrences.Count, (int)((occurrences[^1] - occurrences[0]).TotalSeconds / 2) + 1);
        Assert.Equal(occurrences.Count, occurrences.Distinct().Count());
        Assert.Equal(occurrences.Count, runs.Select(r => (string)r!["task_id"]!).Distinct().Count());
        // No task was started outside these runs.
        Assert.Equal(runs.Select(r => (string)r!["task_id"]!).Order(), tasks.Select(t => (string)t!["id"]!).Order());
    }
}
