namespace AgentHub.Core.Background;

/// <summary>
/// Work that runs every <see cref="Interval"/> on one instance of all those sharing the database (the
/// <see cref="RecurringJobRunner"/> holds the lease <c>job:{Name}</c> for it). A new kind of periodic work is a new
/// job, not a new loop.
/// </summary>
public interface IRecurringJob
{
    /// <summary>The job's name in its lease and in the logs (<c>oauth-refresh</c>).</summary>
    string Name { get; }

    /// <summary>How often the job runs; zero or less turns it off. Read when the runner starts.</summary>
    TimeSpan Interval { get; }

    Task RunAsync(CancellationToken cancellationToken);
}
