using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace AgentHub.Web.Infrastructure;

/// <summary>
/// Remembers the tickets of bearer tokens this instance has already decrypted. On Linux, Data Protection's managed
/// encryptor derives subkeys (SP800-108 with HMAC-SHA512), checks an HMAC and decrypts AES-CBC for every request: a
/// profile of <c>GET /api/integrations/{agent}</c> under load put it at a third of the request's time. A script sends
/// the same token for an hour, so each token is unprotected once. What this skips is only the decryption: the handler
/// still checks the ticket's expiry on every request, and the security stamp and role are still read per request
/// (a password change or demotion still applies at once). Refresh tokens are not cached. Each hit gets its own copy of
/// the ticket, since claims transformations may change the principal.
/// </summary>
public sealed class CachedBearerTokenFormat(ISecureDataFormat<AuthenticationTicket> inner, TimeProvider time) : ISecureDataFormat<AuthenticationTicket>, IDisposable
{
    /// <summary>Tokens remembered at most; past that, the oldest go.</summary>
    public const int Capacity = 10_000;

    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(10);

    private readonly MemoryCache _tickets = new(new MemoryCacheOptions { SizeLimit = Capacity });

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (protectedText is null || purpose is not null)
        {
            return inner.Unprotect(protectedText, purpose);
        }

        if (_tickets.TryGetValue(protectedText, out AuthenticationTicket? known) && known is not null)
        {
            return known.Clone();
        }

        var ticket = inner.Unprotect(protectedText);
        if (ticket is not null)
        {
            var now = time.GetUtcNow();
            var until = ticket.Properties.ExpiresUtc is { } expires && expires - now < MaxAge ? expires : now + MaxAge;
            if (until > now)
            {
                _tickets.Set(protectedText, ticket.Clone(), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = until });
            }
        }

        return ticket;
    }

    public void Dispose() => _tickets.Dispose();
}

/// <summary>Wraps the bearer scheme's token format (set by the scheme's own post-configuration, which runs first).</summary>
internal sealed class CachedBearerTokenSetup(TimeProvider time) : IPostConfigureOptions<BearerTokenOptions>
{
    public void PostConfigure(string? name, BearerTokenOptions options)
    {
        if (options.BearerTokenProtector is not CachedBearerTokenFormat)
        {
            options.BearerTokenProtector = new CachedBearerTokenFormat(options.BearerTokenProtector, time);
        }
    }
}
