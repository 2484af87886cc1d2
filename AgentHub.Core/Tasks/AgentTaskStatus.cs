using System.Text.Json.Serialization;

namespace AgentHub.Core.Tasks;

/// <summary>
/// Where a task is: waiting for the runner, running, waiting for a human, or ended one of four ways. Stored by name
/// (a string column), so a new value needs no migration.
/// </summary>
public enum AgentTaskStatus
{
    [JsonStringEnumMemberName("queued")]
    Queued,

    [JsonStringEnumMemberName("running")]
    Running,

    [JsonStringEnumMemberName("awaiting_approval")]
    AwaitingApproval,

    [JsonStringEnumMemberName("succeeded")]
    Succeeded,

    /// <summary>
    /// Ended with a reply, but no tool was offered to the model (the agent had nothing connected): it answered from
    /// what it knows, without reading or acting on any service. A neutral outcome, not a success.
    /// </summary>
    [JsonStringEnumMemberName("answered")]
    Answered,

    [JsonStringEnumMemberName("failed")]
    Failed,

    [JsonStringEnumMemberName("cancelled")]
    Cancelled,
}
