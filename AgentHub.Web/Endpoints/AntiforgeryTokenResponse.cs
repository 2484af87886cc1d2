namespace AgentHub.Web.Endpoints;

public sealed record AntiforgeryTokenResponse(string RequestToken, string HeaderName);
