namespace AgentHub.Core.Catalog;

/// <summary>
/// How a provider delivers webhooks to AgentHub, as the catalog describes it: how a delivery is signed (from the raw
/// bytes), the secrets a workspace enters to verify it, the verification handshake, where a delivery's event id, type
/// and subject are, and the rules AgentHub suggests (off until enabled).
/// </summary>
public sealed record WebhookDefinition
{
    public required WebhookAlgorithm Algorithm { get; init; }

    /// <summary>The header that carries the signature (none for unsigned providers).</summary>
    public string? SignatureHeader { get; init; }

    /// <summary>A prefix before the signature value (<c>sha256=</c>).</summary>
    public string? SignaturePrefix { get; init; }

    public SignatureEncoding SignatureEncoding { get; init; } = SignatureEncoding.Hex;

    /// <summary>The header that carries the signed timestamp, when it is apart from the signature.</summary>
    public string? TimestampHeader { get; init; }

    /// <summary>
    /// When the signature header is a list of <c>key=value</c> pairs (TikTok's <c>t=...,s=...</c>): the key of the
    /// timestamp and the key of the signature.
    /// </summary>
    public string? TimestampPart { get; init; }
    public string? SignaturePart { get; init; }

    /// <summary>
    /// What is signed: a template of <c>{method}</c>, <c>{uri}</c>, <c>{timestamp}</c> and <c>{body}</c> (the raw bytes,
    /// never re-serialised JSON), with literal text between them.
    /// </summary>
    public string SignedPayload { get; init; } = "{body}";

    /// <summary>The secret field that keys the signature (an HMAC secret, or SendGrid's public key).</summary>
    public string? SecretField { get; init; }

    /// <summary>The values a workspace enters to verify deliveries; stored encrypted and never shown back.</summary>
    public required IReadOnlyList<CredentialField> Secrets { get; init; }

    public WebhookHandshake Handshake { get; init; } = WebhookHandshake.None;

    /// <summary>True when the payload is a JSON array of events (HubSpot, SendGrid): each element is one inbox row.</summary>
    public bool Batch { get; init; }

    /// <summary>JSON pointers tried in order for the provider's event id (none found: the SHA-256 of the event).</summary>
    public IReadOnlyList<string> EventId { get; init; } = [];

    /// <summary>JSON pointers tried in order for the event type; <see cref="EventTypePrefix"/> is removed from it.</summary>
    public IReadOnlyList<string> EventType { get; init; } = [];
    public string? EventTypePrefix { get; init; }

    /// <summary>JSON pointers tried in order for the object the event is about (a ticket, a deal): a rule's <c>{id}</c>.</summary>
    public IReadOnlyList<string> SubjectId { get; init; } = [];

    /// <summary>
    /// The shape of the provider's subject ids (digits, a URN, an email): an anchored pattern. The subject comes from
    /// text outsiders control, so a rule's <c>{id}</c> takes only a value of this shape; anything else starts no task.
    /// </summary>
    public string? SubjectPattern { get; init; }

    /// <summary>Event types a rule may name, for the rule form (any type is accepted).</summary>
    public IReadOnlyList<string> EventTypes { get; init; } = [];

    /// <summary>Rules AgentHub suggests for this provider; they do nothing until a workspace owner enables them.</summary>
    public IReadOnlyList<WebhookRuleTemplate> SuggestedRules { get; init; } = [];

    /// <summary>How to register the address with the provider (one or two sentences).</summary>
    public required string Setup { get; init; }

    public bool IsSigned => Algorithm != WebhookAlgorithm.None;
}

public enum WebhookAlgorithm
{
    None,
    HmacSha256,
    HmacSha1,
    EcdsaP256Sha256,
}

public enum SignatureEncoding
{
    Hex,
    Base64,
}

public enum WebhookHandshake
{
    None,

    /// <summary>Meta's subscription check: <c>hub.mode=subscribe</c>, <c>hub.verify_token</c>, echo <c>hub.challenge</c>.</summary>
    Meta,

    /// <summary>X's challenge-response check: <c>crc_token</c> answered with its HMAC-SHA256 under the consumer secret.</summary>
    TwitterCrc,

    /// <summary>Mailchimp checks the address with a plain GET before saving it.</summary>
    Mailchimp,
}

/// <summary>A suggested rule: when the provider sends <see cref="EventType"/>, ask <see cref="AgentId"/> to <see cref="Instruction"/>.</summary>
public sealed record WebhookRuleTemplate(string EventType, string AgentId, string Instruction);
