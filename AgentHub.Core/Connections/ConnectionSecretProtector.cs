using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace AgentHub.Core.Connections;

/// <summary>
/// Encrypts a connection's secret values with ASP.NET Core Data Protection. The purpose chain includes the workspace
/// and provider, so a ciphertext copied onto another row (another tenant, another provider) does not decrypt.
/// </summary>
public sealed class ConnectionSecretProtector(IDataProtectionProvider provider)
{
    private const string Purpose = "AgentHub.Connections.Secrets.v1";

    public string Protect(Guid workspaceId, string providerId, IReadOnlyDictionary<string, string> secrets) =>
        Protector(workspaceId, providerId).Protect(JsonSerializer.Serialize(secrets));

    public Dictionary<string, string> Unprotect(Guid workspaceId, string providerId, string protectedSecrets) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(Protector(workspaceId, providerId).Unprotect(protectedSecrets))
        ?? [];

    /// <summary>The key of an OAuth refresh token in a connection's protected secrets (beside the access token's field).</summary>
    public const string RefreshTokenKey = "refresh_token";

    /// <summary>
    /// The values a provider request may use: the connection's settings and its secrets, except the OAuth refresh token
    /// (it only ever goes to the token endpoint).
    /// </summary>
    public Dictionary<string, string> RequestValues(Connection connection)
    {
        var values = new Dictionary<string, string>(ConnectionSettings.Read(connection));
        foreach (var (name, secret) in Unprotect(connection.WorkspaceId, connection.ProviderId, connection.ProtectedSecrets!))
        {
            if (name != RefreshTokenKey)
            {
                values[name] = secret;
            }
        }

        return values;
    }

    private IDataProtector Protector(Guid workspaceId, string providerId) =>
        provider.CreateProtector(Purpose, workspaceId.ToString("N"), providerId);
}
