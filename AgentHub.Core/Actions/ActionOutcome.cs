using AgentHub.Core.Connections;

namespace AgentHub.Core.Actions;

/// <summary>
/// What an action returned: on success the kept part of the provider's answer as compact JSON, otherwise a sentence
/// for the model and the task's timeline. Either way it holds no credential.
/// </summary>
public sealed record ActionOutcome(bool Succeeded, string Content, int? HttpStatus = null, OutcomeReason? Reason = null)
{
    /// <summary>Served from the response cache: no provider call was made.</summary>
    public bool Cached { get; init; }

    public static ActionOutcome Failed(string message, int? status = null, OutcomeReason? reason = null) => new(false, message, status, reason);
}
