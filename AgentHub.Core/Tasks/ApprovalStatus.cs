using System.Text.Json.Serialization;

namespace AgentHub.Core.Tasks;

/// <summary>
/// An approval's life: pending until a human decides; an approved call is executing while AgentHub sends it, then
/// executed or failed. <see cref="Unknown"/>: the instance sending it stopped mid-call, so whether the provider acted
/// cannot be known, and AgentHub does not send it again.
/// </summary>
public enum ApprovalStatus
{
    [JsonStringEnumMemberName("pending")]
    Pending,

    [JsonStringEnumMemberName("executing")]
    Executing,

    [JsonStringEnumMemberName("executed")]
    Executed,

    [JsonStringEnumMemberName("failed")]
    Failed,

    [JsonStringEnumMemberName("rejected")]
    Rejected,

    [JsonStringEnumMemberName("cancelled")]
    Cancelled,

    [JsonStringEnumMemberName("unknown")]
    Unknown,
}
