using System.Text.Json.Serialization;
using AgentHub.Core.Audit;
using AgentHub.Core.Common;
using AgentHub.Core.Data;
using AgentHub.Core.Tasks;
using AgentHub.Core.Workspaces;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace AgentHub.Core.Usage;

/// <summary>`PUT /api/workspace/budget`: the month's limit in tokens, in cost (in <c>AI:Currency</c>), both, or neither (null).</summary>
public sealed record SaveBudgetRequest(
    [property: JsonPropertyName("monthly_tokens")] long? MonthlyTokens,
    [property: JsonPropertyName("monthly_cost")] decimal? MonthlyCost);

public sealed class SaveBudgetRequestValidator : AbstractValidator<SaveBudgetRequest>
{
    public const long MaxTokens = 1_000_000_000_000;
    public const decimal MaxCost = 10_000_000m;

    public SaveBudgetRequestValidator()
    {
        RuleFor(r => r.MonthlyTokens).InclusiveBetween(1, MaxTokens).When(r => r.MonthlyTokens is not null)
            .OverridePropertyName("monthly_tokens").WithMessage(_ => CoreText.Get("Usage_BudgetTokensInvalid"));
        RuleFor(r => r.MonthlyCost).InclusiveBetween(0.01m, MaxCost).When(r => r.MonthlyCost is not null)
            .OverridePropertyName("monthly_cost").WithMessage(_ => CoreText.Get("Usage_BudgetCostInvalid"));
    }
}

/// <summary>The budget as the API and the pages show it: the limits, what the month used, and where it stands.</summary>
public sealed record BudgetView(
    string Month,
    long? MonthlyTokens,
    decimal? MonthlyCost,
    string Currency,
    long UsedTokens,
    decimal UsedCost,
    int Percent,
    BudgetState State);

[JsonConverter(typeof(JsonStringEnumConverter<BudgetState>))]
public enum BudgetState
{
    [JsonStringEnumMemberName("none")] None,
    [JsonStringEnumMemberName("ok")] Ok,
    [JsonStringEnumMemberName("warning")] Warning,
    [JsonStringEnumMemberName("exceeded")] Exceeded,
}

/// <summary>New model work refused because the month's budget is spent (409, with the budget as an extension).</summary>
public sealed class BudgetExceededException(BudgetView budget) : Exception(CoreText.Get("Usage_BudgetExceeded", budget.Month))
{
    public BudgetView Budget { get; } = budget;
}

/// <summary>
/// A workspace's monthly model budget (tokens, cost or both): owners set it; at 80% a banner and an audit entry, at
/// 100% new model work is refused (a task, a message, a schedule's or a rule's start), while work already running
/// finishes. The month is the calendar month in UTC; what it used is read from the day sums.
/// </summary>
public sealed class BudgetService(
    IDbContextFactory<AgentHubDbContext> dbFactory,
    IOptionsMonitor<AiOptions> ai,
    SaveBudgetRequestValidator validator,
    AuditService audit,
    Connections.IntegrationQueries queries,
    IMemoryCache cache,
    TimeProvider time)
{
    public const int WarningPercent = 80;

    public Task<BudgetView> GetAsync(Guid workspaceId, CancellationToken cancellationToken = default) => GetAsync(workspaceId, usageWithoutLimit: true, cancellationToken);

    /// <param name="usageWithoutLimit">False: a workspace without a budget is answered without summing its month (the banner's case).</param>
    private async Task<BudgetView> GetAsync(Guid workspaceId, bool usageWithoutLimit, CancellationToken cancellationToken)
    {
        var (start, month) = Month();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var limits = await db.Workspaces.AsNoTracking().Where(w => w.Id == workspaceId)
            .Select(w => new { w.BudgetTokens, w.BudgetCostMicros }).SingleOrDefaultAsync(cancellationToken);
        if (!usageWithoutLimit && limits?.BudgetTokens is null && limits?.BudgetCostMicros is null)
        {
            return new BudgetView(month, null, null, ai.CurrentValue.Currency, 0, 0, 0, BudgetState.None);
        }

        var used = await db.ModelUsageDays.AsNoTracking().Where(d => d.WorkspaceId == workspaceId && d.Day >= start)
            .GroupBy(_ => 1)
            .Select(g => new { Tokens = g.Sum(d => d.InputTokens + d.OutputTokens), Cost = g.Sum(d => d.CostMicros) })
            .SingleOrDefaultAsync(cancellationToken);
        long usedTokens = used?.Tokens ?? 0, usedCost = used?.Cost ?? 0;
        var percent = Math.Max(
            limits?.BudgetTokens is > 0 and var tokens ? (int)Math.Min(999, usedTokens * 100 / tokens) : 0,
            limits?.BudgetCostMicros is > 0 and var cost ? (int)Math.Min(999, usedCost * 100 / cost) : 0);
        var state = limits?.BudgetTokens is null && limits?.BudgetCostMicros is null ? BudgetState.None
            : percent >= 100 ? BudgetState.Exceeded
            : percent >= WarningPercent ? BudgetState.Warning
            : BudgetState.Ok;
        return new BudgetView(month, limits?.BudgetTokens, limits?.BudgetCostMicros / 1_000_000m, ai.CurrentValue.Currency,
            usedTokens, usedCost / 1_000_000m, percent, state);
    }

    /// <summary>The budget, read at most every few seconds per workspace (the banner on every page).</summary>
    public async Task<BudgetView> CachedAsync(Guid workspaceId, CancellationToken cancellationToken = default) =>
        await cache.GetOrCreateAsync($"budget:{workspaceId:N}", entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(10);
            return GetAsync(workspaceId, usageWithoutLimit: false, cancellationToken);
        }) ?? await GetAsync(workspaceId, usageWithoutLimit: false, cancellationToken);

    public async Task<BudgetView> SaveAsync(WorkspaceActor actor, SaveBudgetRequest request, CancellationToken cancellationToken = default)
    {
        if (actor.Role != WorkspaceRole.Owner)
        {
            await audit.RecordAsync(actor, AuditActions.SetBudget, "denied", detail: new Sentence("Audit_DetailMembersMayNot", new Sentence("Audit_CanSetBudget")), cancellationToken: cancellationToken);
            throw new ForbiddenException(CoreText.Get("Usage_OnlyOwnersSetBudget"));
        }

        await validator.ValidateAndThrowAsync(request, cancellationToken);
        var costMicros = request.MonthlyCost is { } cost ? (long)Math.Round(cost * 1_000_000m) : (long?)null;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await db.Workspaces.Where(w => w.Id == actor.WorkspaceId).ExecuteUpdateAsync(u => u
                .SetProperty(w => w.BudgetTokens, request.MonthlyTokens)
                .SetProperty(w => w.BudgetCostMicros, costMicros)
                // A new limit may be crossed again this month: its thresholds are audited again.
                .SetProperty(w => w.BudgetAlerted, (string?)null), cancellationToken);
        }

        cache.Remove($"budget:{actor.WorkspaceId:N}");
        queries.Evict(actor.WorkspaceId); // the snapshot says whether there is a budget (the banner reads it)
        await audit.RecordAsync(actor, AuditActions.SetBudget, "saved",
            detail: Sentence.Verbatim($"{request.MonthlyTokens?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} tokens, {request.MonthlyCost?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} {ai.CurrentValue.Currency}"),
            cancellationToken: cancellationToken);
        return await GetAsync(actor.WorkspaceId, cancellationToken);
    }

    /// <summary>Whether the month's budget is spent (one small read when the workspace has no budget).</summary>
    public async Task<bool> IsSpentAsync(Guid workspaceId, CancellationToken cancellationToken = default) =>
        (await GetAsync(workspaceId, usageWithoutLimit: false, cancellationToken)).State == BudgetState.Exceeded;

    /// <summary>Refuses new model work once the month's budget is spent (read fresh: a limit just reached applies at once).</summary>
    public async Task EnsureAvailableAsync(Guid workspaceId, CancellationToken cancellationToken = default)
    {
        var budget = await GetAsync(workspaceId, usageWithoutLimit: false, cancellationToken);
        if (budget.State == BudgetState.Exceeded)
        {
            throw new BudgetExceededException(budget);
        }
    }

    /// <summary>After usage is written: crossing 80% or 100% is audited once a month (one conditional write, whichever instance sees it).</summary>
    public async Task AuditThresholdsAsync(Guid workspaceId, CancellationToken cancellationToken)
    {
        var budget = await GetAsync(workspaceId, usageWithoutLimit: false, cancellationToken);
        cache.Remove($"budget:{workspaceId:N}");
        var threshold = budget.State switch
        {
            BudgetState.Exceeded => 100,
            BudgetState.Warning => WarningPercent,
            _ => 0,
        };
        if (threshold == 0)
        {
            return;
        }

        var mark = $"{budget.Month}:{threshold:D3}"; // "2026-12:080" < "2026-12:100" < "2027-01:080"
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var marked = await db.Workspaces
            .Where(w => w.Id == workspaceId && (w.BudgetAlerted == null || string.Compare(w.BudgetAlerted, mark) < 0))
            .ExecuteUpdateAsync(u => u.SetProperty(w => w.BudgetAlerted, mark), cancellationToken);
        if (marked > 0)
        {
            var system = new AuditActor(workspaceId, "agenthub", "AgentHub", CanManage: true, CanReadTrail: false);
            await audit.RecordAsync(system, AuditActions.BudgetThreshold, threshold == 100 ? "exceeded" : "warning",
                detail: new Sentence("Usage_AuditThreshold", budget.Percent, budget.Month), cancellationToken: cancellationToken);
        }
    }

    private (DateTime Start, string Month) Month()
    {
        var now = time.GetUtcNow().UtcDateTime;
        var start = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        return (start, start.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture));
    }
}
