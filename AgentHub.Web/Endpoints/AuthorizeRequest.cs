namespace AgentHub.Web.Endpoints;

/// <summary>The body of authorize: the non-secret settings the provider needs before authorizing (a Zendesk subdomain).</summary>
public sealed record AuthorizeRequest(Dictionary<string, string?>? Settings);
