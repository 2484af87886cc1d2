using AgentHub.Core.Background;
using AgentHub.Core.Catalog;
using AgentHub.Core.Common;
using AgentHub.Core.Data;
using AgentHub.Core.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentHub.Core.Connections;

/// <summary>
/// Re-tests configured connections whose last test is older than `Connections:BackgroundRetestInterval` (default
/// 6 hours; 0 turns it off), in background mode (transient failures retried), so a revoked token shows up as an error
/// on every open page without anyone pressing a button. Runs as the workspace's system actor; audited as such. A
/// recurring job: a pass every quarter of the interval (at most every 15 minutes), on one instance.
/// </summary>
public sealed partial class ConnectionRetestJob(
    IDbContextFactory<AgentHubDbContext> dbFactory,
    ConnectionTester tester,
    IIntegrationCatalog catalog,
    IOptionsMonitor<ConnectionOptions> options,
    TimeProvider time,
    ILogger<ConnectionRetestJob> logger) : IRecurringJob
{
    public const string SystemUserId = "system";
    public const string SystemUserName = "AgentHub (scheduled test)";

    private TimeSpan RetestAfter => options.CurrentValue.BackgroundRetestInterval;

    public string Name => "connection-retest";

    public TimeSpan Interval => RetestAfter <= TimeSpan.Zero
        ? TimeSpan.Zero
        : TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(1).Ticks, Math.Min(RetestAfter.Ticks / 4, TimeSpan.FromMinutes(15).Ticks)));

    public Task RunAsync(CancellationToken cancellationToken) => RetestDueAsync(cancellationToken);

    /// <summary>One pass: every configured connection not tested within the interval is tested again (4 at a time).</summary>
    public async Task<int> RetestDueAsync(CancellationToken cancellationToken = default)
    {
        var due = time.GetUtcNow().UtcDateTime - RetestAfter;
        List<(Guid WorkspaceId, string ProviderId)> stale;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            stale = (await db.Connections.AsNoTracking()
                    .Where(c => c.ProtectedSecrets != null && c.Status != ConnectionStatus.Disconnected && (c.LastTestedAt == null || c.LastTestedAt < due))
                    .Select(c => new { c.WorkspaceId, c.ProviderId })
                    .ToListAsync(cancellationToken))
                .Select(c => (c.WorkspaceId, c.ProviderId))
                .ToList();
        }

        var tested = 0;
        await Parallel.ForEachAsync(stale, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (
            connection,
            token) =>
        {
            if (catalog.AgentsUsing(connection.ProviderId) is not [var agent, ..])
            {
                return;
            }

            var actor = new WorkspaceActor(connection.WorkspaceId, SystemUserId, SystemUserName, WorkspaceRole.Owner);
            try
            {
                await tester.ConnectAsync(actor, agent.Id, connection.ProviderId, VerificationMode.Background, token);
                Interlocked.Increment(ref tested);
            }
            catch (ConflictException)
            {
                // Changed or disconnected meanwhile: its own test will follow.
            }
        });

        LogPass(logger, stale.Count, tested);
        return tested;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Background re-test: {Due} connections due, {Tested} tested")]
    private static partial void LogPass(ILogger logger, int due, int tested);
}
