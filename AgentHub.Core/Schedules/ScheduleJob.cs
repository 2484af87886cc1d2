using AgentHub.Core.Background;
using Microsoft.Extensions.Options;

namespace AgentHub.Core.Schedules;

/// <summary>
/// Every <see cref="ScheduleOptions.PollInterval"/>, on the instance that holds the job's lease, starts the occurrences
/// that are due. The lease spares the other instances the query; what makes each occurrence run once is the
/// schedule's version and the run's unique key, so a lease lost mid-run cannot double one.
/// </summary>
public sealed class ScheduleJob(ScheduleService schedules, IOptions<ScheduleOptions> options) : IRecurringJob
{
    public string Name => "schedules";

    public TimeSpan Interval => options.Value.PollInterval;

    public Task RunAsync(CancellationToken cancellationToken) => schedules.FireDueAsync(cancellationToken);
}
