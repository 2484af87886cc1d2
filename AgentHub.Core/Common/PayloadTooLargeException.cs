namespace AgentHub.Core.Common;

/// <summary>What was sent is over the size AgentHub accepts (413): nothing of it was stored.</summary>
public sealed class PayloadTooLargeException(string message, long maxBytes) : Exception(message)
{
    public long MaxBytes { get; } = maxBytes;
}
