using System.Globalization;
using Humanizer;
using Microsoft.AspNetCore.Components.Authorization;

namespace AgentHub.Web.Infrastructure.Localization;

/// <summary>
/// Times as the person reads them: in their time zone (the `zoneinfo` claim their browser reported) and their
/// language's formats; relative times by Humanizer ("il y a 2 minutes"). One per circuit or request.
/// </summary>
public sealed class UserClock(AuthenticationStateProvider authentication)
{
    private TimeZoneInfo? _zone;

    /// <summary>The person's zone; UTC until their browser has told it. The state is complete once the circuit runs.</summary>
    public TimeZoneInfo Zone => _zone ??= ResolveZone();

    public bool IsUtc => Zone == TimeZoneInfo.Utc;

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>Date and time to the second, with the zone: "3 déc. 2026, 17:39:40 (Europe/Paris)".</summary>
    public string Exact(DateTime utc) =>
        $"{ToLocal(utc).ToString("D", CultureInfo.CurrentCulture)} {ToLocal(utc).ToString("T", CultureInfo.CurrentCulture)} ({ZoneName})";

    /// <summary>The time of day ("17:39"), for a list of today's events.</summary>
    public string Time(DateTime utc) => ToLocal(utc).ToString("t", CultureInfo.CurrentCulture);

    /// <summary>Date and time to the minute in the person's culture ("03/12/2026 17:39").</summary>
    public string DateAndTime(DateTime utc) => ToLocal(utc).ToString("g", CultureInfo.CurrentCulture);

    /// <summary>"il y a 2 minutes", "in 3 hours"; "never" is the caller's to say.</summary>
    public string Relative(DateTime utc, DateTime nowUtc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).Humanize(utcDate: true, dateToCompareAgainst: DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc), culture: CultureInfo.CurrentUICulture);

    public string ZoneName => Zone == TimeZoneInfo.Utc ? "UTC" : Zone.Id;

    private TimeZoneInfo ResolveZone()
    {
        var state = authentication.GetAuthenticationStateAsync();
        return state.IsCompletedSuccessfully
            ? UserTimeZones.Find(state.Result.User.FindFirst(PreferenceClaims.ZoneInfo)?.Value)
            : TimeZoneInfo.Utc;
    }
}
