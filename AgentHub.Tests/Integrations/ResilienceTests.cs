using AgentHub.Core.Connections;
using AgentHub.Tests.Infrastructure;

namespace AgentHub.Tests.Integrations;

public sealed class ResilienceTests(ProviderChecksFixture fixture) : IClassFixture<ProviderChecksFixture>
{
    private async Task<ConnectionTestResult> Run(
        string providerId,
        FakeProviderMode mode,
        VerificationMode verification,
        bool wrongSecret = false,
        int retryAfterSeconds = 30)
    {
        fixture.Providers.Reset();
        fixture.Providers.SetMode(providerId, mode);
        fixture.Providers.RetryAfterSeconds = retryAfterSeconds;
        var fake = FakeProviders.Get(providerId);
        var agent = ProviderChecksFixture.AgentFor(providerId);
        var values = wrongSecret ? fake.WithWrongSecret() : fake.Valid;
        await fixture.Service.ConfigureAsync(fixture.Owner, agent, providerId, values.ToDictionary(kv => kv.Key, kv => (string?)kv.Value));
        // Retry delays run on the fake clock: move it until the check ends, instead of sleeping through them.
        var (result, elapsed) = await fixture.RunOnClockAsync(
            () => fixture.Tester.ConnectAsync(fixture.Owner, agent, providerId, verification), TimeSpan.FromMilliseconds(250), TimeSpan.FromMinutes(2));
        LastElapsed = elapsed;
        return result;
    }

    /// <summary>How much (fake) time the last check took.</summary>
    private TimeSpan LastElapsed { get; set; }

    [Fact]
    public async Task ABackgroundCheck_RetriesATransientFailure()
    {
        var result = await Run("pipedrive", FakeProviderMode.FlakyOnce, VerificationMode.Background);

        Assert.Equal(OutcomeReason.Ok, result.Outcome.Reason);
        Assert.Equal(2, fixture.Providers.RequestsFor("pipedrive").Count);
    }

    [Fact]
    public async Task AnInteractiveCheck_GetsASingleAttempt()
    {
        var result = await Run("pipedrive", FakeProviderMode.FlakyOnce, VerificationMode.Interactive);

        Assert.Equal(OutcomeReason.ProviderError, result.Outcome.Reason);
        Assert.Single(fixture.Providers.RequestsFor("pipedrive"));
    }

    [Fact]
    public async Task A401_IsNeverRetried_EvenInTheBackground()
    {
        var result = await Run("brevo", FakeProviderMode.Normal, VerificationMode.Background, wrongSecret: true);

        Assert.Equal(OutcomeReason.AuthInvalid, result.Outcome.Reason);
        Assert.Single(fixture.Providers.RequestsFor("brevo"));
    }

    [Fact]
    public async Task ABackgroundCheck_HonoursAShortRetryAfter()
    {
        var result = await Run("jasper", FakeProviderMode.RateLimited, VerificationMode.Background, retryAfterSeconds: 1);

        Assert.Equal(OutcomeReason.RateLimited, result.Outcome.Reason);
        Assert.Equal(4, fixture.Providers.RequestsFor("jasper").Count);
        Assert.True(LastElapsed >= TimeSpan.FromSeconds(3), $"3 waits of Retry-After: 1 s, took {LastElapsed}");
    }

    [Fact]
    public async Task ABackgroundCheck_DoesNotWaitOutALongRetryAfter()
    {
        var result = await Run("jasper", FakeProviderMode.RateLimited, VerificationMode.Background);

        Assert.Equal(OutcomeReason.RateLimited, result.Outcome.Reason);
        Assert.Equal(30, result.Outcome.RetryAfterSeconds);
        Assert.Single(fixture.Providers.RequestsFor("jasper"));
    }
}
