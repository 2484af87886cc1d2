using System.Text.Json.Serialization;

namespace AgentHub.Integrations.Catalog;

/// <summary>How the client authenticates at the token endpoint (RFC 6749 §2.3.1).</summary>
public enum ClientAuthMethod
{
    /// <summary>client_id and client_secret in the form body.</summary>
    [JsonStringEnumMemberName("client_secret_post")]
    ClientSecretPost,

    /// <summary>HTTP Basic with the client id and secret (Pipedrive, X).</summary>
    [JsonStringEnumMemberName("client_secret_basic")]
    ClientSecretBasic,
}
