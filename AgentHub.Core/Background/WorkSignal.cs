namespace AgentHub.Core.Background;

/// <summary>
/// Wakes a background loop of this process when work was queued here; the loop also wakes on its own after a timeout,
/// to find work other instances queued in the shared database.
/// </summary>
public class WorkSignal
{
    private readonly SemaphoreSlim _work = new(0, int.MaxValue);

    public void Wake() => _work.Release();

    /// <summary>Waits until <see cref="Wake"/> is called or <paramref name="timeout"/> passes.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
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
