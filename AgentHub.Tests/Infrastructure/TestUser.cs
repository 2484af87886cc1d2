namespace AgentHub.Tests.Infrastructure;

/// <summary>A signed-in account: its bearer-token client, its workspace and its tokens.</summary>
public sealed record TestUser(string Email, HttpClient Client, Guid WorkspaceId, string AccessToken, string RefreshToken);
