using Microsoft.EntityFrameworkCore;

namespace AgentHub.Core.Data;

/// <summary>Exposes the provider-specific context factory as the <see cref="AgentHubDbContext"/> factory services depend on.</summary>
internal sealed class ContextFactoryAdapter<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<AgentHubDbContext>
    where TContext : AgentHubDbContext
{
    public AgentHubDbContext CreateDbContext() => inner.CreateDbContext();

    public async Task<AgentHubDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}
