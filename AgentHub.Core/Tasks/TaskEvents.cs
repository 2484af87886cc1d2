using AgentHub.Core.Background;

namespace AgentHub.Core.Tasks;

/// <summary>
/// In-process notifications of task and approval changes (live status on the agent page, the task page, the inbox and
/// the drawer's count), and the runner's wake-up when work is queued here. Another instance's changes reach pages
/// through their periodic refresh and the runner through its poll.
/// </summary>
public sealed class TaskEvents
{
    private readonly WorkSignal _work = new();

    public event Action<TaskChanged>? Changed;

    public void Publish(TaskChanged change)
    {
        Changed?.Invoke(change);
        if (change.Status == AgentTaskStatus.Queued)
        {
            _work.Wake();
        }
    }

    /// <summary>Has the runner look for work now.</summary>
    public void Wake() => _work.Wake();

    /// <summary>Waits until work is queued in this process or <paramref name="timeout"/> passes.</summary>
    public Task WaitForWorkAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken) =>
        _work.WaitAsync(timeout, time, cancellationToken);
}
