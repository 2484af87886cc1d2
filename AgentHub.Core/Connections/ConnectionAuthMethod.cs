using System.Text.Json.Serialization;

namespace AgentHub.Core.Connections;

/// <summary>How a connection's secrets were obtained.</summary>
public enum ConnectionAuthMethod
{
    /// <summary>Typed into the credential form ("credentials" on the wire).</summary>
    [JsonStringEnumMemberName("credentials")]
    Credentials,

    /// <summary>Obtained with an OAuth 2.0 authorization, refreshed by AgentHub ("oauth2" on the wire).</summary>
    [JsonStringEnumMemberName("oauth2")]
    OAuth2,
}
