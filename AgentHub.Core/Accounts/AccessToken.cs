using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace AgentHub.Core.Accounts;

/// <summary>Where a personal access token works: the REST API, or the MCP endpoint.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AccessTokenScope>))]
public enum AccessTokenScope
{
    [JsonStringEnumMemberName("api")] Api,
    [JsonStringEnumMemberName("mcp")] Mcp,
}

/// <summary>What a personal access token may do: read only, or whatever its user may (never more).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AccessTokenAccess>))]
public enum AccessTokenAccess
{
    [JsonStringEnumMemberName("read")] Read,
    [JsonStringEnumMemberName("write")] Write,
}

/// <summary>
/// A long-lived token a person makes for a script or an AI client: named, with an expiry, a scope and an access. Only
/// its SHA-256 is stored (the value is 256 random bits, shown once); it acts as its user, with that user's current
/// role (a demotion applies at its next use) and stops with the account.
/// </summary>
public sealed class AccessToken
{
    public const int MaxNameLength = 100;

    /// <summary>Every token starts with this, so a leaked one is recognisable (and secret scanners can match it).</summary>
    public const string Prefix = "ahp_";

    public Guid Id { get; set; }
    public required string UserId { get; set; }
    public Guid WorkspaceId { get; set; }
    public required string Name { get; set; }

    /// <summary>The value's first characters (prefix included), to tell tokens apart in a list.</summary>
    public required string Hint { get; set; }

    /// <summary>SHA-256 of the value, hex.</summary>
    public required string Hash { get; set; }

    public AccessTokenScope Scope { get; set; }
    public AccessTokenAccess Access { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }

    /// <summary>A new value: the prefix and 32 random bytes, base64url.</summary>
    public static string NewValue() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string HashOf(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
