namespace AgentHub.Web.Components.Shared;

/// <summary>How a <see cref="Moment"/> reads: one format per place (a list of recent events, a timeline, a table).</summary>
public enum MomentFormat
{
    /// <summary>"il y a 2 minutes" (needs Now); the exact time on hover.</summary>
    Relative,

    /// <summary>"17:39": the time of day, in a timeline of one task.</summary>
    Time,

    /// <summary>"03/12/2026 17:39": in tables of many days.</summary>
    DateAndTime,
}
