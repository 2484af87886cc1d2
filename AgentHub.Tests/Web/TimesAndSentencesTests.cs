using System.Globalization;
using System.Security.Claims;
using AgentHub.Core.Connections;
using AgentHub.Tests.Infrastructure;
using AgentHub.Web.Infrastructure.Localization;
using Microsoft.AspNetCore.Components.Authorization;

namespace AgentHub.Tests.Web;

/// <summary>
/// Times in the person's zone and language (the issue's example: 11:39:40 UTC is 12:39 in Paris in winter), relative
/// times from Humanizer in French, and stored outcome sentences shown again in the reader's language.
/// </summary>
public sealed class TimesAndSentencesTests
{
    private static readonly DateTime At = new(2026, 12, 3, 11, 39, 40, DateTimeKind.Utc);

    private static UserClock ClockFor(string? zone)
    {
        var identity = new ClaimsIdentity(zone is null ? [] : [new Claim(PreferenceClaims.ZoneInfo, zone)], "test");
        return new UserClock(new FixedState(new AuthenticationState(new ClaimsPrincipal(identity))));
    }

    private static T InCulture<T>(string culture, Func<T> read)
    {
        using var scope = TestCulture.Use(culture);
        return read();
    }

    [Fact]
    public void ATime_IsShownInThePersonsZone_WithTheExactTimeAndZoneOnHover()
    {
        var paris = ClockFor("Europe/Paris");
        Assert.Equal("12:39", InCulture("fr-FR", () => paris.Time(At)));
        Assert.Equal("03/12/2026 12:39", InCulture("fr-FR", () => paris.DateAndTime(At)));
        Assert.Contains("12:39:40 (Europe/Paris)", InCulture("fr-FR", () => paris.Exact(At)));
        Assert.Contains("décembre", InCulture("fr-FR", () => paris.Exact(At)));

        var unknown = ClockFor(null);
        Assert.True(unknown.IsUtc);
        Assert.Matches(@"11:39:40\sAM \(UTC\)", InCulture("en-US", () => unknown.Exact(At)));
        Assert.True(ClockFor("Mars/Olympus_Mons").IsUtc);
    }

    [Fact]
    public void ARelativeTime_ReadsInThePersonsLanguage()
    {
        var clock = ClockFor("Europe/Paris");
        Assert.Equal("il y a 2 minutes", InCulture("fr-FR", () => clock.Relative(At, At.AddMinutes(2))));
        Assert.Equal("2 minutes ago", InCulture("en-US", () => clock.Relative(At, At.AddMinutes(2))));
        Assert.Equal("il y a 3 heures", InCulture("fr-FR", () => clock.Relative(At, At.AddHours(3))));
    }

    [Fact]
    public void AStoredGenericOutcomeSentence_IsShownInTheReadersLanguage_ASpecificOneAsWritten()
    {
        var english = OutcomeSentences.Of(OutcomeReason.AuthInvalid, "HubSpot", CultureInfo.GetCultureInfo("en"));
        Assert.StartsWith("HubSpot rejected the credentials", english);
        Assert.StartsWith("HubSpot a refusé les identifiants",
            InCulture("fr-FR", () => OutcomeSentences.InCurrentLanguage(english, OutcomeReason.AuthInvalid, "HubSpot")));

        var french = OutcomeSentences.Of(OutcomeReason.Ok, "Zendesk", CultureInfo.GetCultureInfo("fr"));
        Assert.Equal("Connected: Zendesk accepted the credentials.",
            InCulture("en-US", () => OutcomeSentences.InCurrentLanguage(french, OutcomeReason.Ok, "Zendesk")));

        const string specific = "SendGrid accepted the key, but it lacks the mail.send scope.";
        Assert.Equal(specific, InCulture("fr-FR", () => OutcomeSentences.InCurrentLanguage(specific, OutcomeReason.PermissionMissing, "SendGrid")));
    }

    private sealed class FixedState(AuthenticationState state) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(state);
    }
}
