using System.Diagnostics;
using System.Text.RegularExpressions;
using AgentHub.Tests.Infrastructure;

namespace AgentHub.Tests.EndToEnd;

/// <summary>
/// The background module across instances: two app processes on one SQLite file run each recurring job once per
/// interval between them (each job's lease is held for its interval), not once per process.
/// </summary>
public sealed partial class RecurringJobInstancesTests : TwoInstancesTestBase
{
    private static readonly string[] TwoSecondJobs = ["oauth-refresh", "call-log-sweep", "webhook-sweep", "connection-retest"];

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["OAuth:JobInterval"] = "00:00:02",
        ["CallLog:SweepInterval"] = "00:00:02",
        ["Webhooks:SweepInterval"] = "00:00:02",
        ["Connections:BackgroundRetestInterval"] = "00:00:08", // a pass every quarter: 2 seconds
        ["Logging:LogLevel:AgentHub.Core.Background.RecurringJobRunner"] = "Information", // a line per run
    };

    [Fact]
    public async Task TwoProcessesOnOneDatabase_RunEachRecurringJobOncePerInterval()
    {
        // Both processes are up: let both run side by side for several intervals.
        await Task.Delay(TimeSpan.FromSeconds(9));
        var seconds = SinceStart.Elapsed.TotalSeconds;

        foreach (var job in TwoSecondJobs)
        {
            var first = Runs(First, job);
            var second = Runs(Second, job);
            // Once per 2-second interval since the first process started (and one at its start), give or take the
            // interval in which the lease changes hands; twice per interval would be about double.
            var once = (seconds / 2) + 1;
            Assert.True(first + second >= 3, $"{job}: {first} + {second} runs in {seconds:0.0} s");
            Assert.True(first + second <= once + 2, $"{job}: {first} + {second} runs in {seconds:0.0} s, at most {once + 2:0.0} expected");
        }

        // The hourly OAuth flow sweep ran once, when the first process started: the second found its lease held.
        Assert.Equal(1, Runs(First, "oauth-flow-sweep") + Runs(Second, "oauth-flow-sweep"));
    }

    private static int Runs(AppServer app, string job) => RunLine().Matches(app.Output).Count(m => m.Groups[1].Value == job);

    [GeneratedRegex(@"Recurring job ([a-z-]+) ran")]
    private static partial Regex RunLine();
}
