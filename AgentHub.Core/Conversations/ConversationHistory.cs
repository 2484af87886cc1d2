using AgentHub.Core.Brain;
using AgentHub.Core.Data;
using AgentHub.Core.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentHub.Core.Conversations;

/// <summary>
/// The earlier turns of a conversation as model messages (each person's message and the helper's answer), for a
/// turn's request. When they pass <see cref="ChatSettings.MaxContextTokens"/>, the oldest turns (with any summary
/// before them) are summarised by the model into one summary kept on the conversation, and the request holds that
/// summary instead; the newest turns stay word for word (at least the last one).
/// </summary>
public sealed partial class ConversationHistory(
    IDbContextFactory<AgentHubDbContext> dbFactory,
    IOptionsMonitor<ChatSettings> options,
    ILogger<ConversationHistory> logger)
{
    public const string SummaryTag = "summary-of-earlier-turns";

    private sealed record Turn(int Index, string Asked, string Answer)
    {
        public int Tokens { get; } = BrainTokens.Count(Asked) + BrainTokens.Count(Answer);
    }

    /// <summary>The messages to put between the system prompt and <paramref name="task"/>'s own message.</summary>
    public async Task<IReadOnlyList<ChatMessage>> ForAsync(AgentTask task, IChatClient model, CancellationToken cancellationToken)
    {
        if (task.ConversationId is not { } conversationId || task.TurnIndex <= 1)
        {
            return [];
        }

        Conversation? conversation;
        List<Turn> turns;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            conversation = await db.Conversations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == conversationId, cancellationToken);
            if (conversation is null)
            {
                return [];
            }

            var summarized = conversation.SummarizedTurns;
            turns = (await db.Tasks.AsNoTracking()
                    .Where(t => t.ConversationId == conversationId && t.TurnIndex < task.TurnIndex && t.TurnIndex > summarized)
                    .OrderBy(t => t.TurnIndex)
                    .Select(t => new { t.TurnIndex, t.Description, t.Status, t.Result, t.Error })
                    .ToListAsync(cancellationToken))
                .Select(t => new Turn(t.TurnIndex, t.Description, Answer(t.Status, t.Result, t.Error)))
                .ToList();
        }

        var summary = conversation.Summary;
        var budget = options.CurrentValue.MaxContextTokens;
        var total = turns.Sum(t => t.Tokens) + (summary is null ? 0 : BrainTokens.Count(summary));
        if (total > budget && turns.Count > 1)
        {
            // Keep the newest turns that fit in half the budget (always the last one); summarise the rest.
            var kept = 0;
            var keptTokens = 0;
            for (var i = turns.Count - 1; i >= 0; i--)
            {
                if (kept > 0 && keptTokens + turns[i].Tokens > budget / 2)
                {
                    break;
                }

                kept++;
                keptTokens += turns[i].Tokens;
            }

            var older = turns.Take(turns.Count - kept).ToList();
            if (older.Count > 0)
            {
                var written = await SummarizeAsync(model, summary, older, cancellationToken);
                if (written is not null)
                {
                    summary = written;
                    await SaveAsync(conversationId, conversation.SummarizedTurns, older[^1].Index, written, cancellationToken);
                }

                // Without a summary (the model failed), the oldest turns are left out rather than the request overflowing.
                turns = turns.Skip(older.Count).ToList();
            }
        }

        var messages = new List<ChatMessage>();
        if (summary is not null)
        {
            messages.Add(new ChatMessage(ChatRole.User, $"<{SummaryTag}>{Environment.NewLine}{summary}{Environment.NewLine}</{SummaryTag}>"));
            messages.Add(new ChatMessage(ChatRole.Assistant, "Noted: that is what we said before."));
        }

        foreach (var turn in turns)
        {
            messages.Add(new ChatMessage(ChatRole.User, turn.Asked));
            messages.Add(new ChatMessage(ChatRole.Assistant, turn.Answer));
        }

        return messages;
    }

    private static string Answer(AgentTaskStatus status, string? result, string? error) => status switch
    {
        AgentTaskStatus.AwaitingApproval => result ?? "(I prepared an action that is waiting for a person's approval.)",
        AgentTaskStatus.Failed => $"(I could not finish: {error})",
        AgentTaskStatus.Cancelled => "(This request was cancelled.)",
        AgentTaskStatus.Queued or AgentTaskStatus.Running => "(Still working on this.)",
        _ => result ?? "Done.",
    };

    private async Task<string?> SummarizeAsync(IChatClient model, string? earlier, IReadOnlyList<Turn> turns, CancellationToken cancellationToken)
    {
        var words = options.CurrentValue.SummaryWords;
        var transcript = string.Join(Environment.NewLine + Environment.NewLine,
            turns.Select(t => $"Person: {t.Asked}{Environment.NewLine}Helper: {t.Answer}"));
        List<ChatMessage> request =
        [
            new(ChatRole.System,
                $"You summarise the start of a conversation between a person and an AI helper, so the helper can continue it. In at most {words} words, keep every fact, name, number, decision, preference and open question; write in the conversation's language; no preamble."),
            new(ChatRole.User, (earlier is null ? "" : $"Summary of what came before:{Environment.NewLine}{earlier}{Environment.NewLine}{Environment.NewLine}") + $"Conversation:{Environment.NewLine}{transcript}"),
        ];
        try
        {
            var response = await model.GetResponseAsync(request, new ChatOptions(), cancellationToken);
            return string.IsNullOrWhiteSpace(response.Text) ? null : Common.Text.Shorten(response.Text.Trim(), 15_999);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogSummaryFailed(logger, ex.GetType().Name);
            return null;
        }
    }

    /// <summary>Kept only if no other turn summarised meanwhile (the first write wins; the other's summary is used once).</summary>
    private async Task SaveAsync(Guid conversationId, int before, int through, string summary, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Conversations.Where(c => c.Id == conversationId && c.SummarizedTurns == before)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Summary, summary).SetProperty(c => c.SummarizedTurns, through), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The model could not summarise a conversation's earlier turns ({ExceptionType}); the oldest were left out")]
    private static partial void LogSummaryFailed(ILogger logger, string exceptionType);
}
