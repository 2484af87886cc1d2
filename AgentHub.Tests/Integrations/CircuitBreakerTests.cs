using AgentHub.Core.Connections;
using AgentHub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AgentHub.Tests.Integrations;

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
        var integrations = (IntegrationService)_factory.Services.GetService(typeof(IntegrationService))!;
        var service = (ConnectionTester)_factory.Services.GetService(typeof(ConnectionTester))!;
        var owner = await _factory.CreateOwnerActorAsync("owner@circuit.test");
        _broken.SetMode("zendesk", FakeProviderMode.ServerError);
        await integrations.ConfigureAsync(owner, "cassie", "zendesk", FakeProviders.Get("zendesk").Valid.ToDictionary(kv => kv.Key, kv => (string?)kv.Value));
        await integrations.ConfigureAsync(owner, "cassie", "freshdesk", FakeProviders.Get("freshdesk").Valid.ToDictionary(kv => kv.Key, kv => (string?)kv.Value));

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
