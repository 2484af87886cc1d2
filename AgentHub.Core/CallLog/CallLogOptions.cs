namespace AgentHub.Core.CallLog;

/// <summary>`CallLog` configuration: how long and how many calls are kept.</summary>
public sealed class CallLogOptions
{
    public int RetentionDays { get; set; } = 30;

    /// <summary>The most rows kept per workspace and provider; older rows go first.</summary>
    public int MaxRowsPerConnection { get; set; } = 5_000;

    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);
}
