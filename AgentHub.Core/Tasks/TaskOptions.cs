namespace AgentHub.Core.Tasks;

/// <summary>The `Tasks` configuration section: each task's budget and how the runner finds work.</summary>
public sealed class TaskOptions
{
    /// <summary>Model turns per task, counted across resumes.</summary>
    public int MaxTurns { get; set; } = 8;

    /// <summary>Running time per task, counted across resumes (waiting for a human does not count).</summary>
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the runner looks for work another instance queued (work queued here starts at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Tasks one instance runs at the same time.</summary>
    public int Concurrency { get; set; } = 4;
}
