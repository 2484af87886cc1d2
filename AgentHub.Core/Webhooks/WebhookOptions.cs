namespace AgentHub.Core.Webhooks;

/// <summary>The `Webhooks` configuration section: body size, processing, retries and retention of the webhook inbox.</summary>
public sealed class WebhookOptions
{
    /// <summary>The largest delivery accepted; a bigger one is answered 413 and not stored.</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// The most events one delivery may carry (HubSpot and SendGrid batch them); a larger batch is answered 413 and
    /// nothing of it is stored, so a delivery is always stored and answered within the provider's timeout.
    /// </summary>
    public int MaxEventsPerDelivery { get; set; } = 100;

    /// <summary>How often the processor looks for deliveries another instance received (those received here start at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a processor holds a delivery; one that dies holding it loses it after this.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Processing attempts before a delivery is dead-lettered (it can be replayed from the UI or the API).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The first retry's delay; each next one doubles, up to <see cref="MaxRetryDelay"/>, with ±20 % jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long deliveries (and their payloads) are kept, whatever their status.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often deliveries older than <see cref="Retention"/> are deleted (one instance does it).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);
}
