using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using AgentHub.Core.Audit;
using AgentHub.Core.Common;
using AgentHub.Core.Data;
using AgentHub.Core.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentHub.Core.Usage;

/// <summary>What a model call was for: its workspace, helper, task or turn, and source.</summary>
public sealed record UsageContext(Guid WorkspaceId, string? AgentId, Guid? TaskId, Guid? ConversationId, string Source, string? SourceRef)
{
    public static UsageContext Of(AgentTask task) =>
        new(task.WorkspaceId, task.AgentId, task.Id, task.ConversationId, task.Source, task.SourceRef);
}

/// <summary>
/// Records model usage without making the call wait: a response's usage is put on a bounded in-memory queue (no I/O,
/// no lock) and written in batches by <see cref="UsageWriter"/>. A full queue drops the entry with a warning rather
/// than slowing or failing a model call. Each response's tokens also go to the `agenthub.model.tokens` counter.
/// </summary>
public sealed partial class UsageRecorder
{
    public const string MeterName = "AgentHub";
    private readonly Channel<ModelUsage> _queue = Channel.CreateBounded<ModelUsage>(new BoundedChannelOptions(100_000)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private readonly TimeProvider _time;
    private readonly ILogger<UsageRecorder> _logger;
    private readonly Counter<long> _tokens;

    public UsageRecorder(TimeProvider time, ILogger<UsageRecorder> logger, IMeterFactory meters)
    {
        (_time, _logger) = (time, logger);
        _tokens = meters.Create(MeterName).CreateCounter<long>("agenthub.model.tokens", "{token}", "Model tokens used, by helper and direction (input, cached_input, output).");
    }

    internal ChannelReader<ModelUsage> Reader => _queue.Reader;

    /// <summary>Entries queued and not yet written (tests wait for it to reach zero).</summary>
    public int Pending => _queue.Reader.Count;

    public void Record(UsageContext context, string? modelId, UsageDetails? usage)
    {
        if (usage is null || (usage.InputTokenCount is null && usage.OutputTokenCount is null))
        {
            return;
        }

        var entry = new ModelUsage
        {
            WorkspaceId = context.WorkspaceId,
            At = _time.GetUtcNow().UtcDateTime,
            Model = Text.Shorten(string.IsNullOrWhiteSpace(modelId) ? "unknown" : modelId, 127),
            AgentId = context.AgentId,
            TaskId = context.TaskId,
            ConversationId = context.ConversationId,
            Source = context.Source,
            SourceRef = context.SourceRef,
            InputTokens = Math.Max(0, usage.InputTokenCount ?? 0),
            // Cached input is part of the input (a provider reporting more is read as all of it).
            CachedInputTokens = Math.Clamp(usage.CachedInputTokenCount ?? 0, 0, Math.Max(0, usage.InputTokenCount ?? 0)),
            OutputTokens = Math.Max(0, usage.OutputTokenCount ?? 0),
        };
        var agent = new KeyValuePair<string, object?>("agenthub.agent", context.AgentId ?? "");
        _tokens.Add(entry.InputTokens - entry.CachedInputTokens, agent, new("agenthub.token.type", "input"));
        _tokens.Add(entry.CachedInputTokens, agent, new("agenthub.token.type", "cached_input"));
        _tokens.Add(entry.OutputTokens, agent, new("agenthub.token.type", "output"));
        if (!_queue.Writer.TryWrite(entry))
        {
            LogDropped(_logger, context.WorkspaceId);
        }
    }

    /// <summary>The model's client, recording the usage of each response (streamed ones from their last chunk) for <paramref name="context"/>.</summary>
    public IChatClient Wrap(IChatClient model, UsageContext context) => new UsageChatClient(model, this, context);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The usage queue is full: a model response's usage in workspace {WorkspaceId} was not recorded")]
    private static partial void LogDropped(ILogger logger, Guid workspaceId);

    private sealed class UsageChatClient(IChatClient inner, UsageRecorder recorder, UsageContext context) : DelegatingChatClient(inner)
    {
        public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var response = await base.GetResponseAsync(messages, options, cancellationToken);
            recorder.Record(context, response.ModelId, response.Usage);
            return response;
        }

        public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            UsageDetails? usage = null;
            string? model = null;
            try
            {
                await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
                {
                    model ??= update.ModelId;
                    foreach (var content in update.Contents)
                    {
                        if (content is UsageContent counted)
                        {
                            usage ??= new UsageDetails();
                            usage.Add(counted.Details);
                        }
                    }

                    yield return update;
                }
            }
            finally
            {
                // Also when the stream stops early (a cancelled turn): what the model reported so far was spent.
                recorder.Record(context, model, usage);
            }
        }
    }
}

/// <summary>
/// Writes the queued usage in batches: each response as a row (for a task's and a conversation's totals), and the
/// day's sums per helper, source and model (for the usage page and the budget), with its cost from the prices of the
/// moment. Crossing 80% or 100% of the month's budget is audited once a month.
/// </summary>
public sealed partial class UsageWriter(
    UsageRecorder recorder,
    IDbContextFactory<AgentHubDbContext> dbFactory,
    IOptionsMonitor<AiOptions> ai,
    BudgetService budgets,
    ILogger<UsageWriter> logger) : BackgroundService
{
    private const int BatchSize = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = recorder.Reader;
        var batch = new List<ModelUsage>(BatchSize);
        while (await reader.WaitToReadAsync(stoppingToken))
        {
            while (batch.Count < BatchSize && reader.TryRead(out var entry))
            {
                batch.Add(entry);
            }

            try
            {
                await WriteAsync(batch, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogWriteFailed(logger, batch.Count, ex.GetType().Name);
            }

            batch.Clear();
        }
    }

    public async Task WriteAsync(IReadOnlyList<ModelUsage> batch, CancellationToken cancellationToken)
    {
        var prices = ai.CurrentValue;
        foreach (var entry in batch)
        {
            entry.CostMicros = prices.PriceOf(entry.Model)?.CostMicros(entry.InputTokens, entry.CachedInputTokens, entry.OutputTokens);
        }

        // The day sums first, then the rows: once a task shows its usage, the month's totals (and the budget) hold it too.
        foreach (var day in batch.GroupBy(e => (e.WorkspaceId, Day: e.At.Date, AgentId: e.AgentId ?? "", e.Source, e.Model)))
        {
            await AddToDayAsync(day.Key, day.ToList(), cancellationToken);
        }

        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            db.ModelUsage.AddRange(batch);
            await db.SaveChangesAsync(cancellationToken);
        }

        foreach (var workspaceId in batch.Select(e => e.WorkspaceId).Distinct())
        {
            await budgets.AuditThresholdsAsync(workspaceId, cancellationToken);
        }
    }

    /// <summary>Adds to the day's row, creating it when it is the first; two instances creating it at once meet on its unique key, and the loser adds.</summary>
    private async Task AddToDayAsync((Guid WorkspaceId, DateTime Day, string AgentId, string Source, string Model) key, List<ModelUsage> entries, CancellationToken cancellationToken)
    {
        long calls = entries.Count, input = entries.Sum(e => e.InputTokens), cached = entries.Sum(e => e.CachedInputTokens), output = entries.Sum(e => e.OutputTokens);
        long cost = entries.Sum(e => e.CostMicros ?? 0), unpriced = entries.Count(e => e.CostMicros is null);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var updated = await db.ModelUsageDays
                .Where(d => d.WorkspaceId == key.WorkspaceId && d.Day == key.Day && d.AgentId == key.AgentId && d.Source == key.Source && d.Model == key.Model)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(d => d.Calls, d => d.Calls + calls)
                    .SetProperty(d => d.InputTokens, d => d.InputTokens + input)
                    .SetProperty(d => d.CachedInputTokens, d => d.CachedInputTokens + cached)
                    .SetProperty(d => d.OutputTokens, d => d.OutputTokens + output)
                    .SetProperty(d => d.CostMicros, d => d.CostMicros + cost)
                    .SetProperty(d => d.UnpricedCalls, d => d.UnpricedCalls + unpriced), cancellationToken);
            if (updated > 0)
            {
                return;
            }

            db.ModelUsageDays.Add(new ModelUsageDay
            {
                WorkspaceId = key.WorkspaceId,
                Day = key.Day,
                AgentId = key.AgentId,
                Source = key.Source,
                Model = key.Model,
                Calls = calls,
                InputTokens = input,
                CachedInputTokens = cached,
                OutputTokens = output,
                CostMicros = cost,
                UnpricedCalls = unpriced,
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException)
            {
                // Another instance made the day's row first: add to it on the next pass.
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing {Count} model usage entries failed ({Error})")]
    private static partial void LogWriteFailed(ILogger logger, int count, string error);
}
