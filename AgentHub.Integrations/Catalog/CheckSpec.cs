using System.Text.Json.Serialization;
using AgentHub.Core.Connections;

namespace AgentHub.Integrations.Catalog;

/// <summary>
/// How to verify a provider's credentials: one HTTP request built from templates (`{field}` placeholders),
/// and the rules that turn its answer into an outcome. Interpreted by <see cref="Checks.ProviderRequestFactory"/>
/// and <see cref="Checks.OutcomeClassifier"/>.
/// </summary>
public sealed record CheckSpec
{
    public required CheckMethod Method { get; init; }

    /// <summary>An https URL template; placeholders in the host may only be DNS labels or derived hosts.</summary>
    public required string Url { get; init; }

    public required AuthSpec Auth { get; init; }
    public IReadOnlyDictionary<string, DeriveSpec>? Derive { get; init; }
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>An application/x-www-form-urlencoded body, when the check is a POST.</summary>
    public IReadOnlyDictionary<string, string>? Form { get; init; }

    public int SuccessStatus { get; init; } = 200;

    /// <summary>`json` (default) or `text`.</summary>
    public CheckBody Body { get; init; } = CheckBody.Json;

    /// <summary>For a text body: the whole body must match this to count as success.</summary>
    public string? TextPattern { get; init; }

    /// <summary>The identity fields a genuine success carries (missing: provider_error, an endpoint that answers anyone proves nothing).</summary>
    public IReadOnlyList<BodyRule> Expect { get; init; } = [];

    /// <summary>Access the agent needs (missing: permission_missing).</summary>
    public IReadOnlyList<BodyRule> Grants { get; init; } = [];

    /// <summary>Provider-specific answers, checked before the generic status mapping (Meta's 400 code 190, SEMrush's ERROR 120).</summary>
    public IReadOnlyList<ErrorRule> Errors { get; init; } = [];

    /// <summary>Where the provider puts a human-readable error, tried in order.</summary>
    public IReadOnlyList<string> MessagePaths { get; init; } = [];
}

/// <summary>How the secret travels, and the templates of its parts.</summary>
public sealed record AuthSpec
{
    public required AuthType Type { get; init; }
    public string? Token { get; init; }
    public string? Username { get; init; }
    public string? Password { get; init; }
    public string? Name { get; init; }
    public string? Value { get; init; }
}

/// <summary>A value derived from a field: a host picked from a map, a regex capture, or the host of a validated URL.</summary>
public sealed record DeriveSpec
{
    public required string From { get; init; }
    public IReadOnlyDictionary<string, string>? Map { get; init; }
    public string? Regex { get; init; }
    public bool UrlHost { get; init; }
    public string? Message { get; init; }
}

/// <summary>
/// A rule on a JSON body. <see cref="Path"/> is dotted; `[]` flattens an array (`accountSummaries[].property`,
/// `[].errorCode` for a root array). With no comparison the value must be present and not null.
/// </summary>
public sealed record BodyRule
{
    public required string Path { get; init; }

    [JsonPropertyName("equals")]
    public string? EqualTo { get; init; }

    public string? Contains { get; init; }
    public string? HasKey { get; init; }
    public bool Array { get; init; }
    public string? Field { get; init; }
    public string? Message { get; init; }
}

/// <summary>A provider-specific error answer and the reason it maps to.</summary>
public sealed record ErrorRule
{
    public int? Status { get; init; }
    public string? Path { get; init; }
    public IReadOnlyList<string>? In { get; init; }
    public string? TextPrefix { get; init; }
    public required OutcomeReason Reason { get; init; }
    public string? Field { get; init; }
}

/// <summary>The provider's documented limit, used to throttle AgentHub's own calls.</summary>
public sealed record RateLimitSpec(int Permits, int WindowSeconds, int? Concurrency = null);
