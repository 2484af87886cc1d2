using AgentHub.Core.Connections;
using AgentHub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AgentHub.Tests.Integrations;

public sealed class ResilienceTests(ProviderChecksFixture fixture) : IClassFixture<ProviderChecksFixture>
{
    private async Task<ConnectionTestResult> Run(string providerId, FakeProviderMode mode, VerificationMode verification, bool wrongSecret = false, int retryAfterSeconds = 30)
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
            () => fixture.Service.ConnectAsync(fixture.Owner, agent, providerId, verification), TimeSpan.FromMilliseconds(250), TimeSpan.FromMinutes(2));
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

/// <summary>Two provider hosts on two loopback servers: breaking one host's circuit leaves the other working.</summary>
public sealed class CircuitBreakerTests : IAsyncLifetime
{
    private FakeProviderServer _broken = null!;
    private FakeProviderServer _healthy = null!;
    private AgentHubFactory _factory = null!;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));

    public async Task InitializeAsync()
    {
        _broken = await FakeProviderServer.StartAsync();
        _healthy = await FakeProviderServer.StartAsync();
        _factory = new AgentHubFactory(settings: new Dictionary<string, string?>
        {
            ["Integrations:Providers:zendesk:BaseUrl"] = $"{_broken.BaseUrl}/zendesk",
            ["Integrations:Providers:freshdesk:BaseUrl"] = $"{_healthy.BaseUrl}/freshdesk",
        }, services: services => services.AddSingleton<TimeProvider>(_clock));
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _broken.DisposeAsync();
        await _healthy.DisposeAsync();
    }

    [Fact]
    public async Task RepeatedFailuresOfOneHost_OpenItsCircuit_AndLeaveOtherHostsAlone()
    {
        var service = (IntegrationService)_factory.Services.GetService(typeof(IntegrationService))!;
        var owner = await _factory.CreateOwnerActorAsync("owner@circuit.test");
        _broken.SetMode("zendesk", FakeProviderMode.ServerError);
        await service.ConfigureAsync(owner, "cassie", "zendesk", FakeProviders.Get("zendesk").Valid.ToDictionary(kv => kv.Key, kv => (string?)kv.Value));
        await service.ConfigureAsync(owner, "cassie", "freshdesk", FakeProviders.Get("freshdesk").Valid.ToDictionary(kv => kv.Key, kv => (string?)kv.Value));

        ConnectionTestResult? last = null;
        for (var i = 0; i < 4 && last?.Outcome.Message.Contains("paused", StringComparison.Ordinal) != true; i++)
        {
            // Background checks retry with backoff on the fake clock: move it instead of sleeping through the delays.
            (last, _) = await _clock.RunUntilDoneAsync(
                () => service.ConnectAsync(owner, "cassie", "zendesk", VerificationMode.Background), TimeSpan.FromMilliseconds(250), TimeSpan.FromMinutes(1));
        }

        Assert.Equal(OutcomeReason.Unreachable, last!.Outcome.Reason);
        Assert.Contains("paused", last.Outcome.Message);
        var before = _broken.Requests.Count;
        await service.ConnectAsync(owner, "cassie", "zendesk", VerificationMode.Interactive);
        Assert.Equal(before, _broken.Requests.Count); // the open circuit spares the broken host

        var other = await service.ConnectAsync(owner, "cassie", "freshdesk", VerificationMode.Interactive);
        Assert.Equal(OutcomeReason.Ok, other.Outcome.Reason);
    }
}
