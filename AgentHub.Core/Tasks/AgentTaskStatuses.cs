namespace AgentHub.Core.Tasks;

/// <summary>What a task's status means, said once for the runner, the services and the pages.</summary>
public static class AgentTaskStatuses
{
    /// <summary>
    /// Whether the task has ended (succeeded, answered, failed or cancelled): nothing runs it or waits for a human any
    /// more. Not translatable by EF Core: queries name the statuses (see <see cref="AgentTaskTransitions"/>).
    /// </summary>
    public static bool IsFinished(this AgentTaskStatus status) =>
        status is AgentTaskStatus.Succeeded or AgentTaskStatus.Answered or AgentTaskStatus.Failed or AgentTaskStatus.Cancelled;
}
