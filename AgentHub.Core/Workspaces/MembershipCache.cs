using Microsoft.Extensions.Caching.Memory;

namespace AgentHub.Core.Workspaces;

/// <summary>
/// Who a user is in their workspace (workspace and role), kept in memory briefly so an API request does not need a
/// database round trip to know it. A role change through this process evicts it at once; another instance sharing
/// the database sees the change within <see cref="Lifetime"/>.
/// </summary>
public static class MembershipCache
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    public static string Key(string userId) => $"membership:{userId}";

    public static void Evict(IMemoryCache cache, string userId) => cache.Remove(Key(userId));
}
