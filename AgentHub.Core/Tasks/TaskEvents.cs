namespace AgentHub.Core.Tasks;

/// <summary>
/// In-process notifications of task and approval changes (live status on the agent page, the task page, the inbox and
/// the drawer's count), and the runner's wake-up when work is queued here. Another instance's changes reach pages
/// through their periodic refresh and the runner through its poll.
/// </summary>
public sealed class TaskEvents
{
    private readonly SemaphoreSlim _work = new(0, int.MaxValue);

    public event Action<TaskChanged>? Changed;

    public void Publish(TaskChanged change)
    {
        Changed?.Invoke(change);
        if (change.Status == AgentTaskStatus.Queued)
        {
            _work.Release();
        }
    }

    /// <summary>Has the runner look for work now.</summary>
    public void Wake() => _work.Release();

    /// <summary>Waits until work is queued in this process or <paramref name="timeout"/> passes.</summary>
    public async Task WaitForWorkAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, cancellationToken);
        try
        {
            await _work.WaitAsync(linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
    }
}
