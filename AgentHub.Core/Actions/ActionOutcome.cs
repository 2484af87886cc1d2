using AgentHub.Core.Common;
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

    /// <summary>When AgentHub wrote the failure: its sentence, for the timeline in the reader's language.</summary>
    public Sentence? Sentence { get; init; }

    public static ActionOutcome Failed(Sentence sentence, int? status = null, OutcomeReason? reason = null) =>
        new(false, sentence.English(), status, reason) { Sentence = sentence };

    public static ActionOutcome Failed(string message, int? status = null, OutcomeReason? reason = null) => new(false, message, status, reason);
}
