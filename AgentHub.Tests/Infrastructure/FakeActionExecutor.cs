using System.Collections.Concurrent;
using AgentHub.Core.Actions;

namespace AgentHub.Tests.Infrastructure;

/// <summary>An action executor for component tests: records each request and answers with a scripted outcome.</summary>
public sealed class FakeActionExecutor : IActionExecutor
{
    public ConcurrentQueue<ActionRequest> Requests { get; } = new();

    public Func<ActionRequest, ActionOutcome> Answer { get; set; } = _ => new ActionOutcome(true, """{"id":"17920238422030506"}""", 200);

    public Task<ActionOutcome> ExecuteAsync(ActionRequest request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        return Task.FromResult(Answer(request));
    }
}
