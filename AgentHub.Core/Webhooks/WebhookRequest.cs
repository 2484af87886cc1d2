namespace AgentHub.Core.Webhooks;

/// <summary>What the verifier sees of a delivery: the method, the path and query it was sent to, its headers and its raw body.</summary>
public sealed record WebhookRequest(string Method, string PathAndQuery, Func<string, string?> Header, ReadOnlyMemory<byte> Body);
