namespace AgentHub.Web.Infrastructure.Localization;

/// <summary>IANA time zones as browsers name them (Intl's "Europe/Paris"); anything else is UTC.</summary>
public static class UserTimeZones
{
    public static TimeZoneInfo Find(string? id) =>
        TryFind(id, out var zone) ? zone : TimeZoneInfo.Utc;

    public static bool TryFind(string? id, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id) || id.Length > Core.Accounts.AgentHubUser.MaxTimeZoneLength)
        {
            return false;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out zone!);
    }
}
