using AgentHub.Core.Connections;
using AgentHub.Core.Workspaces;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AgentHub.Tests.Infrastructure;

/// <summary>One app and one fake-provider server shared by a class of provider-check tests (tests in a class run in turn).</summary>
public sealed class ProviderChecksFixture : IAsyncLifetime
{
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(1.5);

    /// <summary>The app's clock: frozen unless a test moves it, so no budget, retry delay or window passes by itself.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));

    public WorkspaceActor Owner { get; private set; } = null!;
    public FakeProviderServer Providers { get; private set; } = null!;
    public AgentHubFactory Factory { get; private set; } = null!;
    public IntegrationService Service => Factory.Services.GetRequiredService<IntegrationService>();

    public ConnectionTester Tester => Factory.Services.GetRequiredService<ConnectionTester>();

    public async Task InitializeAsync()
    {
        Providers = await FakeProviderServer.StartAsync();
        Factory = new AgentHubFactory(Providers, new Dictionary<string, string?>
        {
            ["Integrations:InteractiveTimeout"] = Budget.ToString(),
        }, services: services => services.AddSingleton<TimeProvider>(Clock));
        Owner = await Factory.CreateOwnerActorAsync("owner@checks.test");
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Providers.DisposeAsync();
    }

    /// <summary>Configures the provider through the first agent that uses it, then tests it.</summary>
    public async Task<ConnectionTestResult> ConfigureAndConnectAsync(string providerId, IReadOnlyDictionary<string, string> values)
    {
        var agent = AgentFor(providerId);
        await Service.ConfigureAsync(Owner, agent, providerId, values.ToDictionary(kv => kv.Key, kv => (string?)kv.Value));
        return await Tester.ConnectAsync(Owner, agent, providerId);
    }

    public static string AgentFor(string providerId) => Integrations.CatalogTests.AgentOf(providerId);

    /// <summary>Waits (in real time, at most 10 s) until the fake provider has received <paramref name="count"/> requests for a provider.</summary>
    public async Task WaitForRequestsAsync(string providerId, int count = 1)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (Providers.RequestsFor(providerId).Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{providerId} received {Providers.RequestsFor(providerId).Count} of {count} requests");
            await Task.Delay(5);
        }
    }

    /// <summary>Runs an operation whose waits run on the fake clock, moving it until the operation ends (<see cref="FakeClock"/>).</summary>
    public Task<(T Result, TimeSpan Elapsed)> RunOnClockAsync<T>(Func<Task<T>> operation, TimeSpan step, TimeSpan limit) =>
        Clock.RunUntilDoneAsync(operation, step, limit);
}
