namespace AgentHub.Core.Connections;

/// <summary>
/// In-process notifications of connection changes (configure, test, disconnect), so every open page of the workspace
/// updates without a reload, whether the change came from another tab, the API or a background re-test.
/// One instance per process: a multi-instance deployment would put a backplane behind this seam.
/// </summary>
public sealed class ConnectionEvents
{
    public event Action<ConnectionChanged>? Changed;

    public void Publish(ConnectionChanged change) => Changed?.Invoke(change);
}
