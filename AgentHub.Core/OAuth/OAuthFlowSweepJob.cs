using AgentHub.Core.Background;
using AgentHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AgentHub.Core.OAuth;

/// <summary>Deletes authorizations started (or completed) more than a day ago, hourly: nothing will ever read them again.</summary>
public sealed partial class OAuthFlowSweepJob(IDbContextFactory<AgentHubDbContext> dbFactory, TimeProvider time, ILogger<OAuthFlowSweepJob> logger) : IRecurringJob
{
    public string Name => "oauth-flow-sweep";

    public TimeSpan Interval => TimeSpan.FromHours(1);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow().UtcDateTime.AddDays(-1);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        LogSwept(logger, await db.OAuthFlows.Where(f => f.ExpiresAt < cutoff).ExecuteDeleteAsync(cancellationToken));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "OAuth flow sweep deleted {Deleted} authorizations")]
    private static partial void LogSwept(ILogger logger, int deleted);
}
