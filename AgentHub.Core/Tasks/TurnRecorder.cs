using System.Text.Json.Nodes;
using AgentHub.Core.Catalog;
using AgentHub.Core.Common;
using Microsoft.Extensions.AI;

namespace AgentHub.Core.Tasks;

/// <summary>
/// Sits under the function-invocation loop, so it sees every model request: it enforces the turn budget before a
/// request is sent and records what the model answered (its text, and each tool it asked for) on the timeline.
/// </summary>
internal sealed class TurnRecorder(IChatClient inner, AgentTask task, int maxTurns, Func<string, ActionDefinition?> find, TaskJournal journal)
    : DelegatingChatClient(inner)
{
    public int Turns { get; private set; } = task.Turns;

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (Turns >= maxTurns)
        {
            throw new TaskBudgetExceededException(new Sentence("Tasks_OutOfTurns", maxTurns));
        }

        Turns++;
        var response = await base.GetResponseAsync(messages, options, cancellationToken);
        foreach (var message in response.Messages)
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

        return response;
    }

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Tasks use whole responses.");
}
