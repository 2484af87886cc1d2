using AgentHub.Core.Background;
using Microsoft.Extensions.Options;

namespace AgentHub.Core.Mcp;

/// <summary>
/// Lists the outside MCP servers' tools again when they are older than <see cref="RemoteMcpOptions.RefreshInterval"/> or
/// a server said they changed. Runs every few minutes on the instance holding the job's lease; a server is listed
/// about once an hour.
/// </summary>
public sealed class RemoteMcpRefreshJob(RemoteMcpService servers, IOptions<RemoteMcpOptions> options) : IRecurringJob
{
    public string Name => "mcp-servers";

    public TimeSpan Interval => options.Value.RefreshInterval <= TimeSpan.Zero
        ? TimeSpan.Zero
        : TimeSpan.FromTicks(Math.Min(options.Value.RefreshInterval.Ticks, TimeSpan.FromMinutes(5).Ticks));

    public Task RunAsync(CancellationToken cancellationToken) => servers.RefreshDueAsync(options.Value.RefreshInterval, cancellationToken);
}
