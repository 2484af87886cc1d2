using AgentHub.Core.Connections;
using AgentHub.Core.Data;
using AgentHub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentHub.Tests.Core;

public sealed class BackgroundRetestTests : ApiTestBase
{
    [Fact]
    public async Task APass_RetestsStaleConnections_InBackgroundMode_AndRecordsTheSystemActor()
    {
        var hubspot = FakeProviders.Get("hubspot");
        await ReadJsonAsync(await ConfigureAsync("buddy", "hubspot", hubspot.Valid), 200);
        await ReadJsonAsync(await ConnectAsync("buddy", "hubspot"), 200);
        await ReadJsonAsync(await ConfigureAsync("emmie", "brevo", FakeProviders.Get("brevo").Valid), 200);
        await ReadJsonAsync(await ConnectAsync("emmie", "brevo"), 200);

        // HubSpot was last tested a day ago (due); Brevo just now (not due).
        await using (var db = await Factory.Services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>().CreateDbContextAsync())
        {
            await db.Connections.Where(c => c.ProviderId == "hubspot")
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastTestedAt, DateTime.UtcNow.AddDays(-1)));
        }

        Providers.Reset();
        Providers.SetMode("hubspot", FakeProviderMode.FlakyOnce); // a transient 503 first: background mode retries it

        var tested = await Factory.Services.GetRequiredService<ConnectionRetestJob>().RetestDueAsync();

        Assert.Equal(1, tested);
        Assert.Equal(2, Providers.RequestsFor("hubspot").Count);
        Assert.Empty(Providers.RequestsFor("brevo"));
        var integration = await GetJsonAsync("/api/integrations/buddy/hubspot");
        Assert.Equal("connected", (string)integration["status"]!);
        var audit = await GetJsonAsync("/api/audit?provider=hubspot");
        Assert.Equal(ConnectionRetestJob.SystemUserName, (string)audit["entries"]![0]!["user_name"]!);
        var calls = await GetJsonAsync("/api/integrations/buddy/hubspot/calls");
        Assert.True((bool)calls["calls"]![0]!["background"]!);
    }
}
