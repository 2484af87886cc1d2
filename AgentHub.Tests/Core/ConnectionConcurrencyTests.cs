using AgentHub.Core.Connections;
using AgentHub.Core.Data;
using AgentHub.Core.Workspaces;
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
            seed.Connections.Add(new Connection
            {
                Id = Guid.NewGuid(),
                WorkspaceId = _workspaceId,
                ProviderId = "hubspot",
                Status = ConnectionStatus.Pending,
                Version = Guid.NewGuid(),
            });
            await seed.SaveChangesAsync();
        }

        await using var first = await factory.CreateDbContextAsync();
        await using var second = await factory.CreateDbContextAsync();
        var a = await first.Connections.SingleAsync(c => c.ProviderId == "hubspot");
        var b = await second.Connections.SingleAsync(c => c.ProviderId == "hubspot");

        a.StatusMessage = "first";
        a.Version = Guid.NewGuid();
        await first.SaveChangesAsync();

        b.StatusMessage = "second";
        b.Version = Guid.NewGuid();
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
        Connection New() => new() { Id = Guid.NewGuid(), WorkspaceId = _workspaceId, ProviderId = "brevo", Version = Guid.NewGuid() };

        first.Connections.Add(New());
        second.Connections.Add(New());
        await first.SaveChangesAsync();

        await Assert.ThrowsAsync<DbUpdateException>(() => second.SaveChangesAsync());
    }
}
