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

    /// <summary>Where a successful answer names the account in a human way (`username`): kept on the connection.</summary>
    public string? AccountName { get; init; }

    /// <summary>Access the agent needs (missing: permission_missing).</summary>
    public IReadOnlyList<BodyRule> Grants { get; init; } = [];

    /// <summary>Provider-specific answers, checked before the generic status mapping (Meta's 400 code 190, SEMrush's ERROR 120).</summary>
    public IReadOnlyList<ErrorRule> Errors { get; init; } = [];

    /// <summary>Where the provider puts a human-readable error, tried in order.</summary>
    public IReadOnlyList<string> MessagePaths { get; init; } = [];
}
