using System.Text.Json.Serialization;
using AgentHub.Core.Audit;
using AgentHub.Core.Common;
using AgentHub.Core.Data;
using AgentHub.Core.Tasks;
using AgentHub.Core.Workspaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentHub.Core.Usage;

/// <summary>Tokens and cost of a set of model calls; <see cref="Cost"/> leaves out the calls whose model has no price.</summary>
public sealed record UsageTotals(
    long Calls,
    long InputTokens,
    long CachedInputTokens,
    long OutputTokens,
    decimal Cost,
    long UnpricedCalls)
{
    public static readonly UsageTotals Zero = new(0, 0, 0, 0, 0, 0);

    [JsonPropertyName("total_tokens")]
    public long TotalTokens => InputTokens + OutputTokens;
}

/// <summary>One row of a usage report: a day (yyyy-MM-dd), a helper's id ("" for none) or a source.</summary>
public sealed record UsageGroup(string Key, UsageTotals Usage);

public sealed record UsageReport(DateOnly From, DateOnly To, string GroupBy, string Currency, UsageTotals Total, IReadOnlyList<UsageGroup> Groups);

/// <summary>What the AI cost: by day, helper or source over a period (owners and admins), and per task or conversation.</summary>
public sealed class UsageQueries(IDbContextFactory<AgentHubDbContext> dbFactory, IOptionsMonitor<AiOptions> ai, AuditService audit, TimeProvider time)
{
    public static readonly IReadOnlyList<string> GroupBys = ["day", "agent", "source", "model"];
    public const int MaxDays = 400;

    public async Task<UsageReport> ReportAsync(WorkspaceActor actor, DateOnly? from, DateOnly? to, string? groupBy, CancellationToken cancellationToken = default)
    {
        await audit.DemandManagerAsync(actor, AuditActions.ReadUsage, "Audit_CanReadUsage", cancellationToken: cancellationToken);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var end = to ?? today;
        var start = from ?? new DateOnly(end.Year, end.Month, 1);
        groupBy ??= "day";
        var errors = new List<FluentValidation.Results.ValidationFailure>();
        if (!GroupBys.Contains(groupBy))
        {
            errors.Add(new("group_by", CoreText.Get("Usage_GroupByInvalid", string.Join(", ", GroupBys))));
        }

        if (start > end || end.DayNumber - start.DayNumber >= MaxDays)
        {
            errors.Add(new("from", CoreText.Get("Usage_PeriodInvalid", MaxDays)));
        }

        if (errors.Count > 0)
        {
            throw new FluentValidation.ValidationException(errors);
        }

        var first = start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var last = end.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var days = db.ModelUsageDays.AsNoTracking().Where(d => d.WorkspaceId == actor.WorkspaceId && d.Day >= first && d.Day <= last);
        var rows = groupBy switch
        {
            "agent" => await Sum(days.GroupBy(d => d.AgentId)).ToListAsync(cancellationToken),
            "source" => await Sum(days.GroupBy(d => d.Source)).ToListAsync(cancellationToken),
            "model" => await Sum(days.GroupBy(d => d.Model)).ToListAsync(cancellationToken),
            _ => (await Sum(days.GroupBy(d => d.Day)).ToListAsync(cancellationToken))
                .Select(r => r with { Key = ((DateTime)r.Key).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }).ToList(),
        };
        var groups = rows.Select(r => new UsageGroup((string)r.Key, Totals(r))).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var total = groups.Aggregate(UsageTotals.Zero, (sum, g) => Add(sum, g.Usage));
        return new UsageReport(start, end, groupBy, ai.CurrentValue.Currency, total, groups);
    }

    /// <summary>Each task's tokens and cost (the rows of its model calls).</summary>
    public async Task<IReadOnlyDictionary<Guid, UsageTotals>> ForTasksAsync(Guid workspaceId, IReadOnlyCollection<Guid> taskIds, CancellationToken cancellationToken = default)
    {
        if (taskIds.Count == 0)
        {
            return new Dictionary<Guid, UsageTotals>();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await SumOfCalls(db.ModelUsage.AsNoTracking()
                .Where(u => u.WorkspaceId == workspaceId && u.TaskId != null && taskIds.Contains(u.TaskId.Value))
                .GroupBy(u => u.TaskId!.Value))
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => (Guid)r.Key, Totals);
    }

    /// <summary>A conversation's tokens and cost, all its turns (and the helpers they asked) together.</summary>
    public async Task<UsageTotals> ForConversationAsync(Guid workspaceId, Guid conversationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var sums = await SumOfCalls(db.ModelUsage.AsNoTracking()
                .Where(u => u.WorkspaceId == workspaceId && u.ConversationId == conversationId)
                .GroupBy(u => u.ConversationId!.Value))
            .SingleOrDefaultAsync(cancellationToken);
        return sums is null ? UsageTotals.Zero : Totals(sums);
    }

    public string Currency => ai.CurrentValue.Currency;

    private static IQueryable<Row> Sum<TKey>(IQueryable<IGrouping<TKey, ModelUsageDay>> groups) => groups.Select(g => new Row
    {
        Key = g.Key!,
        Calls = g.Sum(d => d.Calls),
        Input = g.Sum(d => d.InputTokens),
        Cached = g.Sum(d => d.CachedInputTokens),
        Output = g.Sum(d => d.OutputTokens),
        Cost = g.Sum(d => d.CostMicros),
        Unpriced = g.Sum(d => d.UnpricedCalls),
    });

    /// <summary>The sums of grouped model calls, in the database (one projection for a task's and a conversation's totals).</summary>
    private static IQueryable<Row> SumOfCalls(IQueryable<IGrouping<Guid, ModelUsage>> groups) => groups.Select(g => new Row
    {
        Key = g.Key,
        Calls = g.Count(),
        Input = g.Sum(u => u.InputTokens),
        Cached = g.Sum(u => u.CachedInputTokens),
        Output = g.Sum(u => u.OutputTokens),
        Cost = g.Sum(u => u.CostMicros ?? 0),
        Unpriced = g.Count(u => u.CostMicros == null),
    });

    private static UsageTotals Totals(Row r) => new(r.Calls, r.Input, r.Cached, r.Output, r.Cost / 1_000_000m, r.Unpriced);

    private static UsageTotals Add(UsageTotals a, UsageTotals b) => new(a.Calls + b.Calls, a.InputTokens + b.InputTokens,
        a.CachedInputTokens + b.CachedInputTokens, a.OutputTokens + b.OutputTokens, a.Cost + b.Cost, a.UnpricedCalls + b.UnpricedCalls);

    private sealed record Row
    {
        public required object Key { get; init; }
        public long Calls { get; init; }
        public long Input { get; init; }
        public long Cached { get; init; }
        public long Output { get; init; }
        public long Cost { get; init; }
        public long Unpriced { get; init; }
    }
}
