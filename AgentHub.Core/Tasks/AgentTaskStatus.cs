using System.Text.Json.Serialization;

namespace AgentHub.Core.Tasks;

/// <summary>Where a task is: waiting for the runner, running, waiting for a human, or ended one of three ways.</summary>
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

    [JsonStringEnumMemberName("failed")]
    Failed,

    [JsonStringEnumMemberName("cancelled")]
    Cancelled,
}
