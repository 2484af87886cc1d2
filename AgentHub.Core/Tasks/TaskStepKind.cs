using System.Text.Json.Serialization;

namespace AgentHub.Core.Tasks;

/// <summary>What a step of a task's timeline records.</summary>
public enum TaskStepKind
{
    /// <summary>The model said something (its text, or that it wants tools).</summary>
    [JsonStringEnumMemberName("model")]
    Model,

    [JsonStringEnumMemberName("tool_call")]
    ToolCall,

    [JsonStringEnumMemberName("tool_result")]
    ToolResult,

    [JsonStringEnumMemberName("approval_requested")]
    ApprovalRequested,

    [JsonStringEnumMemberName("approval_decided")]
    ApprovalDecided,

    [JsonStringEnumMemberName("result")]
    Result,

    [JsonStringEnumMemberName("error")]
    Error,

    /// <summary>Text the model streamed (a few words at a time), so an open or reopened conversation shows it as it came.</summary>
    [JsonStringEnumMemberName("delta")]
    Delta,
}
