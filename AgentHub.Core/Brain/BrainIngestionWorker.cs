using AgentHub.Core.Background;
using AgentHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentHub.Core.Brain;

/// <summary>
/// Finds sources to read (queued, left indexing by a stopped instance, or a web page due for its re-sync) and reads
/// each under the lease <c>brain:{id}</c>, so that of several instances sharing the database exactly one indexes it.
/// </summary>
public sealed partial class BrainIngestionWorker(
    IDbContextFactory<AgentHubDbContext> dbFactory,
    BrainIngestion ingestion,
    LeaseStore leases,
    BrainSignal signal,
    IOptionsMonitor<BrainOptions> options,
    TimeProvider time,
    ILogger<BrainIngestionWorker> logger) : QueueWorker(time, logger)
{
    protected override TimeSpan PollInterval => options.CurrentValue.PollInterval;

    protected override Task<int> RunPassAsync(CancellationToken cancellationToken) => RunDueAsync(cancellationToken);

    protected override Task WaitForWorkAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, Time, cancellationToken);

    /// <summary>Reads every due source this instance can lease, one after the other; returns how many it read.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow().UtcDateTime;
        List<Guid> due;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            // A web page due again is queued by the same conditional write on every instance: the first one wins.
            await db.BrainSources
                .Where(s => s.Kind == BrainSourceKind.Url && s.Status == BrainSourceStatus.Ready && s.NextSyncAt != null && s.NextSyncAt <= now)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, BrainSourceStatus.Queued).SetProperty(s => s.UpdatedAt, now), cancellationToken);
            due = await db.BrainSources.AsNoTracking()
                .Where(s => s.Status == BrainSourceStatus.Queued || s.Status == BrainSourceStatus.Indexing)
                .OrderBy(s => s.UpdatedAt)
                .Select(s => s.Id)
                .Take(20)
                .ToListAsync(cancellationToken);
        }

        var read = 0;
        var lease = options.CurrentValue.SourceTimeBudget + TimeSpan.FromMinutes(1);
        foreach (var id in due)
        {
            if (!await leases.TryAcquireAsync(LeaseName(id), leases.InstanceId, lease, cancellationToken))
            {
                continue; // another instance is reading it
            }

            try
            {
                await ingestion.IngestAsync(id, cancellationToken);
                read++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSourceFailed(logger, id, ex.GetType().Name);
            }
            finally
            {
                await leases.ReleaseAsync(LeaseName(id), leases.InstanceId, CancellationToken.None);
            }
        }

        return read;
    }

    public static string LeaseName(Guid sourceId) => $"brain:{sourceId:N}";

    // The exception's type only: its message could quote the source's content.
    [LoggerMessage(Level = LogLevel.Error, Message = "Brain source {SourceId} failed unexpectedly ({ExceptionType})")]
    private static partial void LogSourceFailed(ILogger logger, Guid sourceId, string exceptionType);
}
