using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace AgentHub.Core.Webhooks;

/// <summary>
/// Encrypts an endpoint's key and secrets and the stored payloads with Data Protection. Each purpose chain includes the
/// workspace and provider, so a ciphertext copied onto another tenant's row does not decrypt.
/// </summary>
public sealed class WebhookProtector(IDataProtectionProvider provider)
{
    public string ProtectSecrets(Guid workspaceId, string providerId, IReadOnlyDictionary<string, string> secrets) =>
        Protector("Secrets", workspaceId, providerId).Protect(JsonSerializer.Serialize(secrets));

    public Dictionary<string, string> UnprotectSecrets(Guid workspaceId, string providerId, string? protectedSecrets) =>
        protectedSecrets is null
            ? []
            : JsonSerializer.Deserialize<Dictionary<string, string>>(Protector("Secrets", workspaceId, providerId).Unprotect(protectedSecrets)) ?? [];

    public string ProtectKey(Guid workspaceId, string providerId, string key) => Protector("Key", workspaceId, providerId).Protect(key);

    public string UnprotectKey(Guid workspaceId, string providerId, string protectedKey) => Protector("Key", workspaceId, providerId).Unprotect(protectedKey);

    public string ProtectPayload(Guid workspaceId, string providerId, string payload) => Protector("Payload", workspaceId, providerId).Protect(payload);

    public string UnprotectPayload(Guid workspaceId, string providerId, string protectedPayload) =>
        Protector("Payload", workspaceId, providerId).Unprotect(protectedPayload);

    private IDataProtector Protector(string what, Guid workspaceId, string providerId) =>
        provider.CreateProtector($"AgentHub.Webhooks.{what}.v1", workspaceId.ToString("N"), providerId);
}
