using System.Collections.Concurrent;
using AgentHub.Core.Tasks;
using Microsoft.Extensions.AI;

namespace AgentHub.Tests.Infrastructure;

/// <summary>
/// An <see cref="IChatClient"/> whose answers a test scripts, recording every request (messages and offered tools);
/// also the app's <see cref="IChatClientSource"/>, so the runner's own pipeline (function invocation, the turn
/// budget) runs around it unchanged.
/// </summary>
public sealed class ScriptedChatClient : IChatClient, IChatClientSource
{
    public ConcurrentQueue<(IReadOnlyList<ChatMessage> Messages, ChatOptions? Options)> Requests { get; } = new();

    public Func<IReadOnlyList<ChatMessage>, CancellationToken, Task<ChatResponse>> Script { get; set; } =
        (_, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "Done.")));

    /// <summary>When set, what a streaming request yields (a model that writes, pauses, goes on), instead of <see cref="Script"/>.</summary>
    public Func<CancellationToken, IAsyncEnumerable<ChatResponseUpdate>>? StreamScript { get; set; }

    public bool IsConfigured { get; set; } = true;

    public IChatClient? Create() => IsConfigured ? this : null;

    public AgentHub.Core.Common.Sentence Describe(Exception exception) => new("Model_Unreadable");

    public static ChatResponse Calls(params (string Name, Dictionary<string, object?> Arguments)[] calls) =>
        new(new ChatMessage(ChatRole.Assistant, calls.Select(c => (AIContent)new FunctionCallContent($"call_{Guid.NewGuid():N}", c.Name, c.Arguments)).ToList()));

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        Requests.Enqueue((list, options));
        return await Script(list, cancellationToken);
    }

    /// <summary>The scripted answer as updates, as a streaming model sends them (the runner streams every request).</summary>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        Requests.Enqueue((list, options));
        if (StreamScript is { } stream)
        {
            await foreach (var update in stream(cancellationToken))
            {
                yield return update;
            }

            yield break;
        }

        var response = await Script(list, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }
}
