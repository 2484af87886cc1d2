using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentHub.Core.Background;
using AgentHub.Core.Data;
using AgentHub.Core.Schedules;
using AgentHub.Tests.Infrastructure;
using AgentHub.Tests.Web.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace AgentHub.Tests.Schedules;

/// <summary>
/// Schedules through the API on a fake clock: occurrences fired once, at most one late catch-up after downtime (the
/// rest shown as missed), edits around an occurrence that neither skip nor double it, and approval policies for the
/// writes of unattended runs. The scheduler is called as its job calls it (its timer is off here: the clock moves
/// only when a test moves it).
/// </summary>
public sealed class ScheduleEndpointsTests : TaskTestBase
{
    // Monday 11 January 2027, 07:00 UTC (08:00 in Paris).
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2027, 1, 11, 7, 0, 0, TimeSpan.Zero));

    protected override AgentHubFactory CreateFactory(FakeProviderServer providers) => new(providers, TaskSettings(Model), services: s =>
    {
        // The scheduler reads the fake clock; the rest of the app (sign-in tokens, the task runner) keeps the real one.
        s.RemoveAll<ScheduleService>();
        s.AddSingleton(sp => ActivatorUtilities.CreateInstance<ScheduleService>(sp, (TimeProvider)_clock));
        s.Remove(s.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(RecurringJobHost)));
    });

    private ScheduleService Scheduler => Factory.Services.GetRequiredService<ScheduleService>();

    private async Task<JsonNode> CreateAsync(object body, HttpClient? client = null) =>
        await ReadJsonAsync(await (client ?? Client).PostAsJsonAsync("/api/schedules", body), 201);

    private static object Daily9(string instruction = "Sum up yesterday's traffic") =>
        new { agent_id = "dexter", instruction, preset = new { kind = "daily", hour = 9, minute = 0 }, time_zone = "Europe/Paris" };

    private async Task<JsonArray> RunsAsync(JsonNode schedule) =>
        (await GetJsonAsync($"/api/schedules/{schedule["id"]}/runs"))["runs"]!.AsArray();

    private void At(string utc) => _clock.SetUtcNow(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Moves the clock, runs the scheduler as its job would, and waits for the tasks it started to end.</summary>
    private async Task FireAtAsync(string utc)
    {
        At(utc);
        await Scheduler.FireDueAsync();
        var deadline = DateTime.UtcNow.AddSeconds(20); // a safety net for a hung test; the schedule's time is the fake clock's
        while ((await GetJsonAsync("/api/tasks"))["tasks"]!.AsArray().Any(t => (string)t!["status"]! is "queued" or "running"))
        {
            Assert.True(DateTime.UtcNow < deadline, "tasks still running");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task ASchedule_ShowsItsNextFiveOccurrences_AndEachStartsOneTask_Once()
    {
        Model.Responder = _ => ModelReply.Say("Traffic was up 4%.");
        var schedule = await CreateAsync(Daily9());
        Assert.Equal("0 9 * * *", (string)schedule["cron"]!);
        Assert.Equal(
            ["2027-01-11T08:00:00+00:00", "2027-01-12T08:00:00+00:00", "2027-01-13T08:00:00+00:00", "2027-01-14T08:00:00+00:00", "2027-01-15T08:00:00+00:00"],
            schedule["next_occurrences"]!.AsArray().Select(o => DateTimeOffset.Parse((string)o!, System.Globalization.CultureInfo.InvariantCulture).ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture)));

        await FireAtAsync("2027-01-11T07:59:59Z"); // not yet
        Assert.Empty(await RunsAsync(schedule));

        await FireAtAsync("2027-01-11T08:00:05Z");
        await FireAtAsync("2027-01-11T08:00:20Z"); // the next poll: nothing more
        var run = Assert.Single(await RunsAsync(schedule))!;
        Assert.Equal("on_time", (string)run["kind"]!);
        var task = await GetJsonAsync($"/api/tasks/{run["task_id"]}");
        Assert.Equal("Sum up yesterday's traffic", (string)task["description"]!);
        Assert.Equal("answered", (string)task["status"]!);
        Assert.Equal((string)run["task_id"]!, (string)(await GetJsonAsync($"/api/schedules/{schedule["id"]}"))["last_run"]!["task_id"]!);

        await FireAtAsync("2027-01-12T08:00:01Z");
        Assert.Equal(2, (await RunsAsync(schedule)).Count);
        Assert.Equal(2, Model.Turns.Count);

        // Both occurrences' model calls are counted as the schedule's.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        JsonNode bySource;
        while ((bySource = await GetJsonAsync("/api/usage?group_by=source"))["total"]!["calls"]!.GetValue<long>() < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "usage not recorded");
            await Task.Delay(50);
        }

        var group = Assert.Single(bySource["groups"]!.AsArray())!;
        Assert.Equal("schedule", (string)group["key"]!);
        Assert.Equal(2, (long)group["usage"]!["calls"]!);
    }

    [Fact]
    public async Task WhenTheMonthsAiBudgetIsSpent_AnOccurrenceIsSkippedWithThatReason_AndRunNowIsRefused()
    {
        var schedule = await CreateAsync(Daily9());
        await ReadJsonAsync(await Client.PutAsJsonAsync("/api/workspace/budget", new { monthly_tokens = 1000 }), 200);
        await using (var db = await Factory.Services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>().CreateDbContextAsync())
        {
            // This month's use (the budget's month is the real one; the scheduler's clock is the test's).
            var workspaceId = await db.Workspaces.Select(w => w.Id).SingleAsync();
            db.ModelUsageDays.Add(new AgentHub.Core.Usage.ModelUsageDay
            {
                WorkspaceId = workspaceId,
                Day = DateTime.UtcNow.Date,
                AgentId = "dexter",
                Source = "person",
                Model = "test-model",
                Calls = 1,
                InputTokens = 900,
                OutputTokens = 200,
            });
            await db.SaveChangesAsync();
        }

        await FireAtAsync("2027-01-11T08:00:05Z");

        var run = Assert.Single(await RunsAsync(schedule))!;
        Assert.Equal("skipped", (string)run["kind"]!);
        Assert.Equal("budget_exceeded", (string)run["reason"]!);
        Assert.Null(run["task_id"]);
        Assert.Empty(Model.Turns);
        var refused = await ReadProblemAsync(await Client.PostAsync($"/api/schedules/{schedule["id"]}/run", null), 409);
        Assert.Equal("exceeded", (string)(await GetJsonAsync("/api/workspace/budget"))["state"]!);
        Assert.NotNull(refused["budget"]);
    }

    [Fact]
    public async Task AfterDowntime_TheLastMissedOccurrenceRunsOnceLate_AndTheOthersAreShownMissed()
    {
        var schedule = await CreateAsync(Daily9());
        // No instance ran from before Monday 09:00 to Thursday 09:30 Paris time: four occurrences passed.
        await FireAtAsync("2027-01-14T08:30:00Z");
        var runs = await RunsAsync(schedule);
        Assert.Equal(2, runs.Count);
        var late = Assert.Single(runs, r => (string)r!["kind"]! == "late")!;
        Assert.Equal("2027-01-14T08:00:00", ((string)late["occurrence"]!)[..19]);
        Assert.NotNull(late["task_id"]);
        var missed = Assert.Single(runs, r => (string)r!["kind"]! == "missed")!;
        Assert.Equal(3, (int)missed["missed_count"]!);
        Assert.Equal("2027-01-13T08:00:00", ((string)missed["occurrence"]!)[..19]);
        Assert.Single(Model.Turns);
        // The schedule goes on from there.
        Assert.StartsWith("2027-01-15T08:00:00", (string)(await GetJsonAsync($"/api/schedules/{schedule["id"]}"))["next_occurrences"]![0]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AfterDowntimeLongerThanTheCatchUpWindow_NothingRuns_AndAllAreShownMissed()
    {
        var schedule = await CreateAsync(Daily9());
        await FireAtAsync("2027-01-13T10:30:00Z"); // the last occurrence (Wednesday 09:00 Paris) is 2 h 30 old
        var missed = Assert.Single(await RunsAsync(schedule))!;
        Assert.Equal("missed", (string)missed["kind"]!);
        Assert.Equal(3, (int)missed["missed_count"]!);
        Assert.Null(missed["task_id"]);
        Assert.Empty(Model.Turns);
    }

    [Fact]
    public async Task AnEditBetweenTwoOccurrences_NeitherDoublesNorSkipsTheNext()
    {
        var schedule = await CreateAsync(Daily9());
        await FireAtAsync("2027-01-11T08:00:01Z");
        At("2027-01-11T11:00:00Z");
        var edited = await ReadJsonAsync(await Client.PutAsJsonAsync($"/api/schedules/{schedule["id"]}", Daily9("Sum up traffic and sign-ups")), 200);
        Assert.StartsWith("2027-01-12T08:00:00", (string)edited["next_occurrences"]![0]!, StringComparison.Ordinal);
        await FireAtAsync("2027-01-11T11:00:30Z");
        Assert.Single(await RunsAsync(schedule)); // today's 09:00 is not run again

        await FireAtAsync("2027-01-12T08:00:02Z");
        var runs = await RunsAsync(schedule);
        Assert.Equal(2, runs.Count);
        Assert.Equal("Sum up traffic and sign-ups", (string)(await GetJsonAsync($"/api/tasks/{runs[0]!["task_id"]}"))["description"]!);
    }

    [Fact]
    public async Task AnEditJustBeforeAnOccurrence_OrJustAfterItFellDue_RunsItOnce()
    {
        var schedule = await CreateAsync(Daily9());
        At("2027-01-11T07:59:59Z");
        await ReadJsonAsync(await Client.PutAsJsonAsync($"/api/schedules/{schedule["id"]}", Daily9("Version two")), 200);
        await FireAtAsync("2027-01-11T08:00:00Z");
        Assert.Single(await RunsAsync(schedule));

        // Tuesday's occurrence is due; before the next poll, the instruction changes: it still runs, once, as edited.
        At("2027-01-12T08:00:03Z");
        var edited = await ReadJsonAsync(await Client.PutAsJsonAsync($"/api/schedules/{schedule["id"]}", Daily9("Version three")), 200);
        Assert.StartsWith("2027-01-12T08:00:00", (string)edited["next_occurrences"]![0]!, StringComparison.Ordinal);
        await FireAtAsync("2027-01-12T08:00:10Z");
        await FireAtAsync("2027-01-12T08:00:25Z");
        var runs = await RunsAsync(schedule);
        Assert.Equal(2, runs.Count);
        Assert.Equal("on_time", (string)runs[0]!["kind"]!);
        Assert.Equal("Version three", (string)(await GetJsonAsync($"/api/tasks/{runs[0]!["task_id"]}"))["description"]!);
        Assert.Equal(2, Model.Turns.Count);
    }

    [Fact]
    public async Task PauseAndResume_RunNow_AndDelete()
    {
        var schedule = await CreateAsync(Daily9());
        var paused = await ReadJsonAsync(await Client.PutAsJsonAsync($"/api/schedules/{schedule["id"]}",
            new { agent_id = "dexter", instruction = "Sum up", cron = "0 9 * * *", time_zone = "Europe/Paris", enabled = false }), 200);
        Assert.Empty(paused["next_occurrences"]!.AsArray());
        await FireAtAsync("2027-01-11T08:00:01Z");
        Assert.Empty(await RunsAsync(schedule)); // a paused schedule's occurrences are neither run nor missed

        var run = await ReadJsonAsync(await Client.PostAsync($"/api/schedules/{schedule["id"]}/run", null), 202);
        Assert.Equal("manual", (string)run["kind"]!);
        await WaitForAsync(Guid.Parse((string)run["task_id"]!), "answered");

        await ReadJsonAsync(await Client.PutAsJsonAsync($"/api/schedules/{schedule["id"]}",
            new { agent_id = "dexter", instruction = "Sum up", cron = "0 9 * * *", time_zone = "Europe/Paris", enabled = true }), 200);
        await FireAtAsync("2027-01-12T08:00:01Z");
        Assert.Equal(2, (await RunsAsync(schedule)).Count);

        Assert.Equal(204, (int)(await Client.DeleteAsync($"/api/schedules/{schedule["id"]}")).StatusCode);
        await ReadProblemAsync(await Client.GetAsync($"/api/schedules/{schedule["id"]}"), 404);
    }

    [Fact]
    public async Task BadInput_IsA400WithFieldErrors_AMemberCannotSchedule_AndAnotherWorkspaceSeesNothing()
    {
        var problem = await ReadProblemAsync(await Client.PostAsJsonAsync("/api/schedules",
            new { agent_id = "dexter", instruction = "Sum up", cron = "61 9 * * *", time_zone = "Mars/Olympus" }), 400);
        Assert.NotNull(problem["errors"]!["cron"]);
        Assert.NotNull(problem["errors"]!["time_zone"]);
        problem = await ReadProblemAsync(await Client.PostAsJsonAsync("/api/schedules",
            new { agent_id = "nobody", instruction = " ", preset = new { kind = "weekly", hour = 9 } }), 400);
        Assert.NotNull(problem["errors"]!["agent_id"]);
        Assert.NotNull(problem["errors"]!["instruction"]);
        Assert.NotNull(problem["errors"]!["preset"]);
        problem = await ReadProblemAsync(await Client.PostAsJsonAsync("/api/schedules",
            new { agent_id = "soshie", instruction = "Post", cron = "0 9 * * *", policies = new Dictionary<string, string> { ["instagram_publish_post"] = "allow" } }), 400);
        Assert.True(problem["errors"]!.AsObject().ContainsKey("policies.instagram_publish_post"), problem.ToJsonString());

        var schedule = await CreateAsync(Daily9());
        var member = await InviteAsync(Unique("member@acme.test"), "member");
        Assert.Single((await ReadJsonAsync(await member.Client.GetAsync("/api/schedules"), 200))["schedules"]!.AsArray());
        await ReadProblemAsync(await member.Client.PostAsJsonAsync("/api/schedules", Daily9()), 403);
        await ReadProblemAsync(await member.Client.PostAsync($"/api/schedules/{schedule["id"]}/run", null), 403);
        await ReadProblemAsync(await member.Client.PutAsJsonAsync("/api/approval-policies",
            new { policies = new Dictionary<string, string> { ["instagram_publish_post"] = "allow" } }), 403);

        var other = await Factory.CreateUserAsync(Unique("owner@other.test"));
        Assert.Empty((await ReadJsonAsync(await other.Client.GetAsync("/api/schedules"), 200))["schedules"]!.AsArray());
        await ReadProblemAsync(await other.Client.GetAsync($"/api/schedules/{schedule["id"]}"), 404);
        await ReadProblemAsync(await other.Client.PutAsJsonAsync($"/api/schedules/{schedule["id"]}", Daily9()), 404);
    }

    [Fact]
    public async Task TheZoneDefaultsToTheAuthorsOwn()
    {
        var schedule = await CreateAsync(new { agent_id = "dexter", instruction = "Sum up", cron = "0 9 * * *" });
        Assert.Equal("UTC", (string)schedule["time_zone"]!); // this owner has not chosen a zone
    }

    private static object SoshieDaily(Dictionary<string, string>? policies = null) => new
    {
        agent_id = "soshie",
        instruction = "Post today's special",
        preset = new { kind = "daily", hour = 9, minute = 0 },
        time_zone = "Europe/Paris",
        policies,
    };

    [Fact]
    public async Task AnAllowPolicy_SendsAScheduledWriteOnce_WithNoApproval_AndShowsItInTheInboxHistory()
    {
        await ConnectProviderAsync("soshie", "instagram");
        Model.Responder = SoshieScript;
        var policies = await ReadJsonAsync(await Client.PutAsJsonAsync("/api/approval-policies",
            new { policies = new Dictionary<string, string> { ["instagram_publish_post"] = "allow" } }), 200);
        Assert.Equal("allow", (string)policies["policies"]!.AsArray().Single(p => (string)p!["tool"]! == "instagram_publish_post")!["policy"]!);
        var schedule = await CreateAsync(SoshieDaily());

        await FireAtAsync("2027-01-11T08:00:01Z");
        var run = Assert.Single(await RunsAsync(schedule))!;
        var task = await GetJsonAsync($"/api/tasks/{run["task_id"]}");
        Assert.Equal("succeeded", (string)task["status"]!);
        Assert.Single(Providers.RequestsFor("instagram"), r => r.Path.EndsWith("/media_publish", StringComparison.Ordinal));
        Assert.Empty(await PendingApprovalsAsync());
        var history = (await GetJsonAsync("/api/approvals"))["approvals"]!.AsArray();
        var allowed = Assert.Single(history)!;
        Assert.Equal("executed", (string)allowed["status"]!);
        Assert.Equal("policy", (string)allowed["decided_by"]!);
        var audit = (await GetJsonAsync("/api/audit"))["entries"]!.AsArray();
        Assert.Contains(audit, e => (string)e!["action"]! == "approve" && (string)e["outcome"]! == "allowed_by_policy");
    }

    [Fact]
    public async Task ANeverPolicy_SendsNothing_AndTheModelHearsItWasRefused_AndAScheduleMayNarrowAnAllow()
    {
        await ConnectProviderAsync("soshie", "instagram");
        Model.Responder = SoshieScript;
        await ReadJsonAsync(await Client.PutAsJsonAsync("/api/approval-policies",
            new { policies = new Dictionary<string, string> { ["instagram_publish_post"] = "allow" } }), 200);
        // The workspace allows it; this schedule's own runs never do.
        var schedule = await CreateAsync(SoshieDaily(new() { ["instagram_publish_post"] = "never" }));
        Assert.Equal("never", (string)schedule["policies"]!["instagram_publish_post"]!);

        await FireAtAsync("2027-01-11T08:00:01Z");
        var run = Assert.Single(await RunsAsync(schedule))!;
        var task = await GetJsonAsync($"/api/tasks/{run["task_id"]}");
        Assert.Contains(Model.Turns.Last().ToolResults, r => r.Content.Contains("refused", StringComparison.Ordinal));
        Assert.DoesNotContain(Providers.RequestsFor("instagram"), r => r.Method == "POST");
        Assert.Empty((await GetJsonAsync("/api/approvals"))["approvals"]!.AsArray());
        Assert.NotEqual("awaiting_approval", (string)task["status"]!);

        // The same write asked by a person's task follows the workspace's "allow".
        var asked = await CreateTaskAsync("soshie", "Post today's special");
        await WaitForAsync(asked, "succeeded");
        Assert.Single(Providers.RequestsFor("instagram"), r => r.Path.EndsWith("/media_publish", StringComparison.Ordinal));
    }
}
