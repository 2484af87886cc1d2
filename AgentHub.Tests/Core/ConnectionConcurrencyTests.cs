using AgentHub.Core.Connections;
using AgentHub.Core.Data;
using AgentHub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentHub.Tests.Core;

public sealed class ConnectionConcurrencyTests : IAsyncLifetime
{
    private readonly AgentHubFactory _factory = new();

    private Guid _workspaceId;

    public async Task InitializeAsync() => _workspaceId = (await _factory.CreateOwnerActorAsync("owner@race.test")).WorkspaceId;

    public Task DisposeAsync() => _factory.DisposeAsync().AsTask();

    [Fact]
    public async Task TwoContextsUpdatingOneConnection_OneWinsAndTheOtherGetsAConcurrencyConflict()
    {
        var factory = _factory.Services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>();
        await using (var seed = await factory.CreateDbContextAsync())
        {
            var pending = Connection.Create(_workspaceId, "hubspot", DateTime.UtcNow);
            pending.StoreCredentials("{}", ["access_token"], "ciphertext", "Saved.", DateTime.UtcNow);
            seed.Connections.Add(pending);
            await seed.SaveChangesAsync();
        }

        await using var first = await factory.CreateDbContextAsync();
        await using var second = await factory.CreateDbContextAsync();
        var a = await first.Connections.SingleAsync(c => c.ProviderId == "hubspot");
        var b = await second.Connections.SingleAsync(c => c.ProviderId == "hubspot");

        a.RecordTest(new VerificationOutcome(OutcomeReason.Ok, "first"), DateTime.UtcNow);
        await first.SaveChangesAsync();

        b.RecordTest(new VerificationOutcome(OutcomeReason.AuthInvalid, "second"), DateTime.UtcNow);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        await using var check = await factory.CreateDbContextAsync();
        Assert.Equal("first", (await check.Connections.SingleAsync(c => c.ProviderId == "hubspot")).StatusMessage);
    }

    [Fact]
    public async Task TwoFirstTimeConnectionsForOneProvider_AreRefusedByTheUniqueIndex()
    {
        var factory = _factory.Services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>();
        await using var first = await factory.CreateDbContextAsync();
        await using var second = await factory.CreateDbContextAsync();
        Connection New() => Connection.Create(_workspaceId, "brevo", DateTime.UtcNow);

        first.Connections.Add(New());
        second.Connections.Add(New());
        await first.SaveChangesAsync();

        await Assert.ThrowsAsync<DbUpdateException>(() => second.SaveChangesAsync());
    }
}
