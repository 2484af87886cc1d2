using System.Runtime.CompilerServices;
using System.Text;
using AgentHub.Core.Catalog;
using AgentHub.Core.Common;
using Microsoft.Extensions.AI;

namespace AgentHub.Core.Tasks;

/// <summary>
/// Sits under the function-invocation loop, so it sees every model request: it enforces the turn budget (shared with
/// the helpers this task asks) before a request is sent, streams what the model writes onto the timeline as it comes
/// (<see cref="TaskStepKind.Delta"/> steps: the first words at once, then at most one write every 100 ms, and words
/// held back are written when the 100 ms end even if the model pauses), and records
/// each tool the model asked for.
/// </summary>
internal sealed class TurnRecorder(
    IChatClient inner, AgentTask task, TurnBudget budget, Func<string, ActionDefinition?> find, TaskJournal journal, TimeProvider time)
    : DelegatingChatClient(inner)
{
    private static readonly TimeSpan FlushEvery = TimeSpan.FromMilliseconds(100);

    /// <summary>Model requests this task made itself.</summary>
    public int Turns { get; private set; } = task.Turns;

    private void Count()
    {
        if (!budget.TryTake())
        {
            throw new TaskBudgetExceededException(new Sentence("Tasks_OutOfTurns", budget.Max));
        }

        Turns++;
    }

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        Count();
        var response = await base.GetResponseAsync(messages, options, cancellationToken);
        await RecordAsync(response, cancellationToken);
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Count();
        var updates = new List<ChatResponseUpdate>();
        var pending = new StringBuilder();
        long? flushed = null;
        await using var stream = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            var next = stream.MoveNextAsync();
            if (!next.IsCompleted && pending.Length > 0)
            {
                // Words are waiting and the model pauses: they are written when the interval ends, not held until it
                // speaks again.
                var nextTask = next.AsTask();
                using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var wait = FlushEvery - time.GetElapsedTime(flushed!.Value);
                if (wait <= TimeSpan.Zero || await Task.WhenAny(nextTask, Task.Delay(wait, time, stopWaiting.Token)) != nextTask)
                {
                    await FlushAsync(pending, cancellationToken);
                    flushed = time.GetTimestamp();
                }

                await stopWaiting.CancelAsync();
                if (!await nextTask)
                {
                    break;
                }
            }
            else if (!await next)
            {
                break;
            }

            var update = stream.Current;
            updates.Add(update);
            if (update.Text is { Length: > 0 } text)
            {
                pending.Append(text);
                if (flushed is null || time.GetElapsedTime(flushed.Value) >= FlushEvery)
                {
                    await FlushAsync(pending, cancellationToken);
                    flushed = time.GetTimestamp();
                }
            }

            yield return update;
        }

        await FlushAsync(pending, cancellationToken);
        await RecordAsync(updates.ToChatResponse(), cancellationToken);
    }

    private async Task FlushAsync(StringBuilder pending, CancellationToken cancellationToken)
    {
        var text = pending.ToString();
        pending.Clear();
        for (var at = 0; at < text.Length; at += TaskStep.MaxSummaryLength - 1)
        {
            // Stored whole, never shortened: a delta over a step's length is written as several.
            await journal.AddAsync(task, TaskStepKind.Delta, text.Substring(at, Math.Min(TaskStep.MaxSummaryLength - 1, text.Length - at)),
                cancellationToken: cancellationToken);
        }
    }

    private async Task RecordAsync(ChatResponse response, CancellationToken cancellationToken)
    {
        foreach (var message in response.Messages.Where(m => m.Role == ChatRole.Assistant))
        {
            // Text that comes with tool calls is the model thinking aloud; a final answer is recorded once, as the result.
            var asksForTools = message.Contents.OfType<FunctionCallContent>().Any();
            if (asksForTools && !string.IsNullOrWhiteSpace(message.Text))
            {
                await journal.AddAsync(task, TaskStepKind.Model, message.Text, cancellationToken: cancellationToken);
            }

            foreach (var call in message.Contents.OfType<FunctionCallContent>())
            {
                var action = find(call.Name);
                var arguments = AgentToolbox.ArgumentsOf(call.Arguments);
                await journal.AddAsync(task, TaskStepKind.ToolCall, ArgumentSummary.Of(arguments), call.Name, action?.Effect,
                    cancellationToken: cancellationToken);
            }
        }
    }
}

/// <summary>
/// The model requests a turn may make, shared with the helpers it asks (a hand-off spends the asker's budget).
/// </summary>
public sealed class TurnBudget(int max, int used)
{
    private int _used = used;

    public int Max { get; } = max;

    public int Used => Volatile.Read(ref _used);

    public bool TryTake()
    {
        while (true)
        {
            var current = Volatile.Read(ref _used);
            if (current >= Max)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _used, current + 1, current) == current)
            {
                return true;
            }
        }
    }
}
