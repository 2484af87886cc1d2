using AgentHub.Core.Catalog;

namespace AgentHub.Integrations.Catalog;

// The shape of catalog.json (snake_case). Read once by CatalogLoader and turned into Core definitions plus check specs.

internal sealed record WebhookEntry(
    WebhookAlgorithm Algorithm,
    IReadOnlyList<FieldEntry> Secrets,
    string Setup,
    string? SignatureHeader = null,
    string? SignaturePrefix = null,
    SignatureEncoding SignatureEncoding = SignatureEncoding.Hex,
    string? TimestampHeader = null,
    string? TimestampPart = null,
    string? SignaturePart = null,
    string SignedPayload = "{body}",
    string? SecretField = null,
    WebhookHandshake Handshake = WebhookHandshake.None,
    bool Batch = false,
    IReadOnlyList<string>? EventId = null,
    IReadOnlyList<string>? EventType = null,
    string? EventTypePrefix = null,
    IReadOnlyList<string>? SubjectId = null,
    string? SubjectPattern = null,
    IReadOnlyList<string>? EventTypes = null,
    IReadOnlyList<WebhookRuleEntry>? SuggestedRules = null);

internal sealed record WebhookRuleEntry(string EventType, string Agent, string Instruction);
