namespace AgentHub.Core.OAuth;

/// <summary>An OAuth client (app) AgentHub authenticates as at a provider. Never logged or shown: the secret is a secret.</summary>
public sealed record OAuthClient(string ClientId, string ClientSecret, OAuthClientSource Source)
{
    public override string ToString() => $"OAuthClient {{ ClientId = {ClientId}, Source = {Source} }}";
}
