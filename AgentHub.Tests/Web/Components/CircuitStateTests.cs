using AgentHub.Core.Connections;
using AgentHub.Tests.Infrastructure;
using AgentHub.Web.Components.Pages.Agents;
using AgentHub.Web.Components.Pages.Integrations;
using AgentHub.Web.Components.Shared;
using AgentHub.Web.Components.Shared.Credentials;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;

namespace AgentHub.Tests.Web.Components;

/// <summary>
/// Per-circuit state: pages load again when their route values change, relative times follow the circuit's clock, and
/// a circuit that ends while a reload is under way stops quietly.
/// </summary>
public sealed class CircuitStateTests : ComponentTestBase
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));

    public CircuitStateTests() => Services.AddSingleton<TimeProvider>(_clock);

    [Fact]
    public void TheIntegrationPage_LoadsAgain_WhenItsRouteValuesChange()
    {
        var page = Render<IntegrationPage>(p => p.Add(x => x.AgentId, "cassie").Add(x => x.IntegrationId, "zendesk"));
        page.WaitForAssertion(() => Assert.Contains("Zendesk", page.Find("h1").TextContent));

        page.Render(p => p.Add(x => x.AgentId, "buddy").Add(x => x.IntegrationId, "hubspot"));

        page.WaitForAssertion(() => Assert.Contains("HubSpot", page.Find("h1").TextContent));
        Assert.DoesNotContain("Zendesk", page.Find("h1").TextContent);
    }

    [Fact]
    public async Task RelativeTimesOnTheAgentPage_FollowTheClock_WithoutAReload()
    {
        await Integrations.ConfigureAsync(Owner, "buddy", "hubspot", FakeProviders.Get("hubspot").Valid.ToDictionary(kv => kv.Key, kv => (string?)kv.Value));
        await Tester.ConnectAsync(Owner, "buddy", "hubspot");
        var page = Render<AgentPage>(p => p.Add(x => x.AgentId, "buddy"));
        string LastTested() => page.Find("[data-testid=integration-card-hubspot] [data-testid=last-tested]").TextContent;
        page.WaitForAssertion(() => Assert.Contains("now", LastTested()));

        await page.InvokeAsync(() => _clock.Advance(TimeSpan.FromMinutes(5)));

        page.WaitForAssertion(() => Assert.Contains("5 minutes ago", LastTested()));
    }

    [Fact]
    public async Task ACircuitThatEnds_WhileAnotherTabsChangeIsBeingLoaded_StopsQuietly()
    {
        var state = Services.GetRequiredService<WorkspaceState>();
        await state.EnsureLoadedAsync();
        var events = Services.GetRequiredService<ConnectionEvents>();

        events.Publish(new ConnectionChanged(Owner.WorkspaceId, "hubspot", ConnectionStatus.Pending));
        state.Dispose();
        events.Publish(new ConnectionChanged(Owner.WorkspaceId, "hubspot", ConnectionStatus.Connected));
        await Task.Delay(200);

        Assert.DoesNotContain(Logs(), line => line.StartsWith("Warning", StringComparison.Ordinal) || line.StartsWith("Error", StringComparison.Ordinal));
    }
}
