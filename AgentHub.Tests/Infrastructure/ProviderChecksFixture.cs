using AgentHub.Core.Connections;
using AgentHub.Core.Workspaces;
using Microsoft.Extensions.DependencyInjection;

namespace AgentHub.Tests.Infrastructure;

/// <summary>One app and one fake-provider server shared by a class of provider-check tests (tests in a class run in turn).</summary>
public sealed class ProviderChecksFixture : IAsyncLifetime
{
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(1.5);

    public WorkspaceActor Owner { get; private set; } = null!;
    public FakeProviderServer Providers { get; private set; } = null!;
    public AgentHubFactory Factory { get; private set; } = null!;
    public IntegrationService Service => Factory.Services.GetRequiredService<IntegrationService>();

    public async Task InitializeAsync()
    {
        Providers = await FakeProviderServer.StartAsync();
        Factory = new AgentHubFactory(Providers, new Dictionary<string, string?>
        {
            ["Integrations:InteractiveTimeout"] = Budget.ToString(),
        });
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
        return await Service.ConnectAsync(Owner, agent, providerId);
    }

    public static string AgentFor(string providerId) => Integrations.CatalogTests.AgentOf(providerId);
}
