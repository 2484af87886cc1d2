namespace AgentHub.Core.Webhooks;

public sealed record WebhookReceipt(WebhookReceiptKind Kind, int Stored = 0, int Duplicates = 0, string? Body = null, string? ContentType = null)
{
    public static readonly WebhookReceipt NotFound = new(WebhookReceiptKind.NotFound);
    public static readonly WebhookReceipt Rejected = new(WebhookReceiptKind.Rejected);
}
