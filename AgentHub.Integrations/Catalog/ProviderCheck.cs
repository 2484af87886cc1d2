using AgentHub.Core.Catalog;

namespace AgentHub.Integrations.Catalog;

/// <summary>
/// A provider's definition together with how to verify it, how fast AgentHub may call it, and how it connects with
/// OAuth 2.0 (null when it cannot). <see cref="OAuthCheck"/> is the check as an OAuth connection runs it.
/// </summary>
public sealed record ProviderCheck(ProviderDefinition Provider, CheckSpec Spec, RateLimitSpec RateLimit, OAuthSpec? OAuth = null)
{
    /// <summary>The provider's actions with their requests, by action name.</summary>
    public IReadOnlyDictionary<string, ActionSpec> Actions { get; init; } = new Dictionary<string, ActionSpec>();

    public CheckSpec? OAuthCheck { get; } = OAuth is null ? null : Spec with
    {
        Url = OAuth.Check?.Url ?? Spec.Url,
        Auth = OAuth.Check?.Auth ?? Spec.Auth,
        Derive = OAuth.Check?.Url is null ? OAuth.Check?.Derive ?? Spec.Derive : OAuth.Check.Derive,
    };

    /// <summary>The check for a connection made one way or the other.</summary>
    public CheckSpec SpecFor(bool oauth) => oauth && OAuthCheck is { } check ? check : Spec;
}
