using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using AgentHub.Core.Conversations;
using AgentHub.Core.Tasks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AgentHub.Web.Endpoints;

/// <summary>
/// Conversations with a helper: start, list, read, delete; write a message (a turn, 202); follow a turn as
/// `text/event-stream` (replayed from its start, then live, from any instance).
/// </summary>
public static class ConversationEndpoints
{
    /// <summary>How often a stream looks for what another instance wrote (this instance's turns wake it at once).</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    public static RouteGroupBuilder MapConversationEndpoints(this RouteGroupBuilder root)
    {
        var conversations = root.MapGroup("/conversations").WithTags("Conversations");
        conversations.MapPost("/", Start).WithName("StartConversation").WithSummary("Starts a conversation with a helper (owners, admins).")
            .ProducesValidationProblem();
        conversations.MapGet("/", List).WithName("ListConversations").WithSummary("The newest conversations, optionally with one helper.");
        conversations.MapGet("/{conversation_id:guid}", Get).WithName("GetConversation")
            .WithSummary("A conversation with its turns (each with its timeline and approvals) and the summary of its oldest turns.");
        conversations.MapDelete("/{conversation_id:guid}", Delete).WithName("DeleteConversation").WithSummary("Deletes a conversation and its turns (owners, admins).");
        conversations.MapPost("/{conversation_id:guid}/messages", Post).WithName("PostMessage")
            .WithSummary("Writes to the helper: a new turn, answered in the background (202 with its id; follow it with the stream).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .RequireRateLimiting(AuthServiceCollectionExtensions.TasksLimit);
        conversations.MapGet("/{conversation_id:guid}/turns/{turn_id:guid}/stream", Stream).WithName("StreamTurn")
            .WithSummary("The turn as server-sent events (delta, tool_call, tool_result, approval, approval_decided, done): from its start, then live.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
        return root;
    }

    public static async Task<Created<ConversationView>> Start([FromBody] StartConversationRequest request, Caller caller, ConversationService conversations,
        CancellationToken cancellationToken)
    {
        var conversation = await conversations.StartAsync(caller.Actor, request, cancellationToken);
        return TypedResults.Created($"/api/conversations/{conversation.Id}", conversation);
    }

    public static async Task<Ok<ConversationListResponse>> List(Caller caller, ConversationService conversations,
        [FromQuery(Name = "agent_id")] string? agentId, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ConversationListResponse(await conversations.ListAsync(caller.Actor, agentId, cancellationToken: cancellationToken)));

    public static async Task<Ok<ConversationView>> Get([FromRoute(Name = "conversation_id")] Guid conversationId, Caller caller,
        ConversationService conversations, CancellationToken cancellationToken) =>
        TypedResults.Ok(await conversations.GetAsync(caller.Actor, conversationId, cancellationToken));

    public static async Task<NoContent> Delete([FromRoute(Name = "conversation_id")] Guid conversationId, Caller caller,
        ConversationService conversations, CancellationToken cancellationToken)
    {
        await conversations.DeleteAsync(caller.Actor, conversationId, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Accepted<TurnAccepted>> Post([FromRoute(Name = "conversation_id")] Guid conversationId, [FromBody] PostMessageRequest request,
        Caller caller, ConversationService conversations, CancellationToken cancellationToken)
    {
        var turn = await conversations.PostAsync(caller.Actor, conversationId, request, cancellationToken);
        return TypedResults.Accepted($"/api/conversations/{conversationId}/turns/{turn.TurnId}/stream", turn);
    }

    public static async Task<IResult> Stream([FromRoute(Name = "conversation_id")] Guid conversationId, [FromRoute(Name = "turn_id")] Guid turnId,
        [FromHeader(Name = "Last-Event-ID")] string? lastEventId, Caller caller, ConversationService conversations, TaskEvents events,
        CancellationToken cancellationToken)
    {
        // A reconnecting client says where it stopped; otherwise the turn is told from its start.
        var after = long.TryParse(lastEventId, out var id) && id > 0 ? id : 0;
        // Read once before answering: an unknown turn is a 404 problem, not an empty stream.
        var first = await conversations.ReadTurnAsync(caller.Actor, conversationId, turnId, after, cancellationToken);
        return TypedResults.ServerSentEvents(Follow(first, caller, conversations, events, conversationId, turnId, cancellationToken));
    }

    private static async IAsyncEnumerable<SseItem<JsonObject>> Follow(TurnProgress first, Caller caller, ConversationService conversations, TaskEvents events,
        Guid conversationId, Guid turnId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var wake = new SemaphoreSlim(0);
        void OnChange(TaskChanged change)
        {
            if (change.TaskId == turnId && wake.CurrentCount == 0)
            {
                wake.Release();
            }
        }

        events.Changed += OnChange;
        try
        {
            var progress = first;
            var last = 0L;
            while (true)
            {
                foreach (var step in progress.Steps)
                {
                    last = step.Id;
                    if (Event(step) is { } item)
                    {
                        yield return item;
                    }
                }

                if (progress.Finished)
                {
                    yield return new SseItem<JsonObject>(new JsonObject
                    {
                        ["status"] = EnumNames<AgentTaskStatus>.Name(progress.Status),
                        ["result"] = progress.Result,
                        ["error"] = progress.Error,
                    }, "done");
                    yield break;
                }

                // Woken by this instance's writes at once; another instance's are read at the next poll.
                await wake.WaitAsync(Poll, cancellationToken);
                progress = await conversations.ReadTurnAsync(caller.Actor, conversationId, turnId, last, cancellationToken);
            }
        }
        finally
        {
            events.Changed -= OnChange;
            wake.Dispose();
        }
    }

    private static SseItem<JsonObject>? Event(TaskStepView step)
    {
        var (type, data) = step.Kind switch
        {
            TaskStepKind.Delta => ("delta", new JsonObject { ["text"] = step.Summary }),
            TaskStepKind.ToolCall => ("tool_call", new JsonObject { ["tool"] = step.Tool, ["effect"] = step.Effect?.ToString().ToLowerInvariant(), ["arguments"] = step.Summary }),
            TaskStepKind.ToolResult => ("tool_result", new JsonObject
            {
                ["tool"] = step.Tool,
                ["succeeded"] = step.Succeeded,
                ["cached"] = step.Cached,
                ["summary"] = step.Summary,
                ["linked_task_id"] = step.LinkedTaskId?.ToString(),
            }),
            TaskStepKind.ApprovalRequested => ("approval", new JsonObject { ["approval_id"] = step.ApprovalId?.ToString(), ["tool"] = step.Tool, ["preview"] = step.Summary }),
            TaskStepKind.ApprovalDecided => ("approval_decided", new JsonObject { ["approval_id"] = step.ApprovalId?.ToString(), ["summary"] = step.Summary }),
            // The model's words came as deltas; the result and the error come with "done".
            _ => ((string?)null, (JsonObject?)null),
        };
        return type is null ? null : new SseItem<JsonObject>(data!, type) { EventId = step.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) };
    }
}

public sealed record ConversationListResponse(IReadOnlyList<ConversationSummaryView> Conversations);
