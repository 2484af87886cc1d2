using AgentHub.Core.Background;

namespace AgentHub.Core.Webhooks;

/// <summary>Wakes this instance's processor when a delivery was stored here (others find it by polling).</summary>
public sealed class WebhookSignal : WorkSignal;
