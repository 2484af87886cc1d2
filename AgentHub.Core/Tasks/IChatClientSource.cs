using AgentHub.Core.Common;
using Microsoft.Extensions.AI;

namespace AgentHub.Core.Tasks;

/// <summary>The configured model, as an <see cref="IChatClient"/>; implemented over OpenAI-compatible endpoints by AgentHub.Integrations.</summary>
public interface IChatClientSource
{
    bool IsConfigured { get; }

    /// <summary>The model's client (no function invocation: the runner adds its own pipeline); null when not configured.</summary>
    IChatClient? Create();

    /// <summary>A failed model request as a sentence for the task's timeline (status and hint, never the key).</summary>
    Sentence Describe(Exception exception);
}
