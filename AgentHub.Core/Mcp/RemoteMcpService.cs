using System.Text.Json;
using System.Text.Json.Nodes;
using AgentHub.Core.Actions;
using AgentHub.Core.Audit;
using AgentHub.Core.CallLog;
using AgentHub.Core.Common;
using AgentHub.Core.Connections;
using AgentHub.Core.Data;
using AgentHub.Core.Workspaces;
using FluentValidation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AgentHub.Core.Mcp;

/// <summary>
/// Outside MCP servers of a workspace: owners and admins register, change, refresh and remove them (members see
/// them); their tools reach the helpers allowed as `{server}_{tool}`. A call goes through <see cref="IRemoteMcpGateway"/>
/// (the egress guard), is in the call log as `mcp:{server}`, and a tool that says it changed its list is listed again.
/// </summary>
public sealed partial class RemoteMcpService(
    IDbContextFactory<AgentHubDbContext> dbFactory,
    IRemoteMcpGateway gateway,
    IDataProtectionProvider protection,
    SaveRemoteMcpServerRequestValidator validator,
    AuditService audit,
    ICallLogWriter callLog,
    TimeProvider time,
    ILogger<RemoteMcpService> logger)
{
    public const int MaxServersPerWorkspace = 20;
    public const int MaxToolNameLength = 64;
    private const string Purpose = "AgentHub.Mcp.Servers.v1";

    public async Task<IReadOnlyList<RemoteMcpServerView>> ListAsync(WorkspaceActor actor, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var servers = await db.RemoteMcpServers.AsNoTracking().Where(s => s.WorkspaceId == actor.WorkspaceId).OrderBy(s => s.Name).ToListAsync(cancellationToken);
        return servers.Select(View).ToList();
    }

    public async Task<RemoteMcpServerView> GetAsync(WorkspaceActor actor, Guid id, CancellationToken cancellationToken = default) =>
        View(await LoadAsync(actor.WorkspaceId, id, cancellationToken));

    public async Task<RemoteMcpServerView> CreateAsync(WorkspaceActor actor, SaveRemoteMcpServerRequest request, CancellationToken cancellationToken = default)
    {
        await audit.DemandManagerAsync(actor, AuditActions.SaveMcpServer, "Audit_CanChangeMcpServers", cancellationToken: cancellationToken);
        var url = await CheckAsync(request, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var server = new RemoteMcpServer
        {
            Id = Guid.NewGuid(),
            WorkspaceId = actor.WorkspaceId,
            Name = request.Name!,
            Url = url.AbsoluteUri,
            Version = Guid.NewGuid(),
            CreatedBy = actor.UserId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        Apply(server, request);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if (await db.RemoteMcpServers.CountAsync(s => s.WorkspaceId == actor.WorkspaceId, cancellationToken) >= MaxServersPerWorkspace)
            {
                throw new ConflictException(CoreText.Get("Mcp_TooMany", MaxServersPerWorkspace));
            }

            await EnsureNameFreeAsync(db, actor.WorkspaceId, server.Name, null, cancellationToken);
            db.RemoteMcpServers.Add(server);
            audit.Add(db, actor, AuditActions.SaveMcpServer, "created", detail: Sentence.Verbatim($"{server.Name} ({url.Host})"));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Two owners adding the same name at once: the unique index decides, the loser hears it as a field error.
                throw NameTaken(server.Name);
            }
        }

        return await RefreshAsync(server.WorkspaceId, server.Id, trustReadOnly: true, cancellationToken);
    }

    public async Task<RemoteMcpServerView> UpdateAsync(WorkspaceActor actor, Guid id, SaveRemoteMcpServerRequest request, CancellationToken cancellationToken = default)
    {
        await audit.DemandManagerAsync(actor, AuditActions.SaveMcpServer, "Audit_CanChangeMcpServers", cancellationToken: cancellationToken);
        await LoadAsync(actor.WorkspaceId, id, cancellationToken);
        var url = await CheckAsync(request, cancellationToken);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var server = await db.RemoteMcpServers.SingleAsync(s => s.Id == id && s.WorkspaceId == actor.WorkspaceId, cancellationToken);
            await EnsureNameFreeAsync(db, actor.WorkspaceId, request.Name!, id, cancellationToken);
            var moved = server.Url != url.AbsoluteUri;
            server.Name = request.Name!;
            server.Url = url.AbsoluteUri;
            Apply(server, request, keepSecret: !moved);
            if (moved)
            {
                // Another server: none of the old one's tools (nor what they said of themselves) carries over.
                (server.ToolsJson, server.ToolsRefreshedAt) = (null, null);
            }

            // Approvals asked of the server as it was are no longer sent.
            server.Version = Guid.NewGuid();
            server.UpdatedAt = time.GetUtcNow().UtcDateTime;
            audit.Add(db, actor, AuditActions.SaveMcpServer, "updated", detail: Sentence.Verbatim($"{server.Name} ({url.Host})"));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                throw NameTaken(server.Name);
            }
        }

        return await RefreshAsync(actor.WorkspaceId, id, trustReadOnly: true, cancellationToken);
    }

    public async Task DeleteAsync(WorkspaceActor actor, Guid id, CancellationToken cancellationToken = default)
    {
        await audit.DemandManagerAsync(actor, AuditActions.DeleteMcpServer, "Audit_CanChangeMcpServers", cancellationToken: cancellationToken);
        var server = await LoadAsync(actor.WorkspaceId, id, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.RemoteMcpServers.Where(s => s.Id == id && s.WorkspaceId == actor.WorkspaceId).ExecuteDeleteAsync(cancellationToken);
        await audit.RecordAsync(actor, AuditActions.DeleteMcpServer, "deleted", detail: Sentence.Verbatim(server.Name), cancellationToken: cancellationToken);
    }

    public async Task<RemoteMcpServerView> RefreshAsync(WorkspaceActor actor, Guid id, CancellationToken cancellationToken = default)
    {
        await audit.DemandManagerAsync(actor, AuditActions.SaveMcpServer, "Audit_CanChangeMcpServers", cancellationToken: cancellationToken);
        await LoadAsync(actor.WorkspaceId, id, cancellationToken);
        return await RefreshAsync(actor.WorkspaceId, id, trustReadOnly: true, cancellationToken);
    }

    /// <summary>
    /// Lists the server's tools again and keeps them (or why it failed: the last good list stays). Whether a tool runs
    /// without approval is what the server said when an owner or admin saved or refreshed it (<paramref name="trustReadOnly"/>);
    /// a background refresh never makes a tool read-only that was not (a new tool, or one that turned read-only, waits for
    /// approval until a person lists the tools again).
    /// </summary>
    public async Task<RemoteMcpServerView> RefreshAsync(Guid workspaceId, Guid id, bool trustReadOnly, CancellationToken cancellationToken)
    {
        var server = await LoadAsync(workspaceId, id, cancellationToken);
        string? toolsJson = server.ToolsJson;
        string? error = null;
        var started = time.GetTimestamp();
        try
        {
            var tools = await gateway.ListToolsAsync(Target(server), cancellationToken);
            if (!trustReadOnly)
            {
                var readOnlyBefore = server.Tools.Where(t => t.ReadOnly).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
                tools = tools.Select(t => t with { ReadOnly = t.ReadOnly && readOnlyBefore.Contains(t.Name) }).ToList();
            }

            toolsJson = JsonSerializer.Serialize(tools);
            await RecordCallAsync(server, "tools/list", OutcomeReason.Ok, started);
        }
        catch (RemoteMcpException ex)
        {
            error = ex.Sentence.English();
            await RecordCallAsync(server, "tools/list", ex.Reason, started);
            LogListFailed(logger, workspaceId, server.Name, ex.Reason);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        // Only over the server as it was read: a save in between (another address, another secret) is not overwritten.
        await db.RemoteMcpServers.Where(s => s.Id == id && s.Version == server.Version).ExecuteUpdateAsync(u => u
            .SetProperty(s => s.ToolsJson, toolsJson)
            .SetProperty(s => s.Error, error)
            .SetProperty(s => s.NeedsRefresh, false)
            .SetProperty(s => s.ToolsRefreshedAt, now), cancellationToken);
        return View(await LoadAsync(workspaceId, id, cancellationToken));
    }

    /// <summary>Every server whose list is older than <paramref name="maxAge"/> or said it changed, listed again (the hourly job).</summary>
    public async Task<int> RefreshDueAsync(TimeSpan maxAge, CancellationToken cancellationToken)
    {
        var due = time.GetUtcNow().UtcDateTime - maxAge;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var servers = await db.RemoteMcpServers.AsNoTracking()
            .Where(s => s.NeedsRefresh || s.ToolsRefreshedAt == null || s.ToolsRefreshedAt < due)
            .Select(s => new { s.WorkspaceId, s.Id })
            .ToListAsync(cancellationToken);
        foreach (var server in servers)
        {
            try
            {
                await RefreshAsync(server.WorkspaceId, server.Id, trustReadOnly: false, cancellationToken);
            }
            catch (NotFoundException)
            {
                // Removed meanwhile.
            }
        }

        return servers.Count;
    }

    /// <summary>The outside tools a helper may use in a workspace, each under its `{server}_{tool}` name.</summary>
    public async Task<IReadOnlyList<RemoteToolRef>> ToolsForAsync(Guid workspaceId, string agentId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pattern = $"%,{agentId},%";
        var servers = await db.RemoteMcpServers.AsNoTracking()
            .Where(s => s.WorkspaceId == workspaceId && s.ToolsJson != null && EF.Functions.Like("," + s.AgentIds + ",", pattern))
            .ToListAsync(cancellationToken);
        return servers
            .SelectMany(s => s.Tools.Select(t => new RemoteToolRef(s.Id, s.Name, ToolName(s.Name, t.Name), t, s.Version)))
            .DistinctBy(r => r.ToolName)
            .ToList();
    }

    /// <summary>
    /// Calls a tool of an outside server (a read, or a write a person approved): the answer capped and redacted, the
    /// call in the call log, a failure classified; never thrown.
    /// </summary>
    public async Task<ActionOutcome> InvokeAsync(Guid workspaceId, Guid serverId, string tool, JsonObject arguments, CancellationToken cancellationToken)
    {
        RemoteMcpServer server;
        try
        {
            server = await LoadAsync(workspaceId, serverId, cancellationToken);
        }
        catch (NotFoundException)
        {
            return ActionOutcome.Failed(new Sentence("Mcp_ServerGone", tool));
        }

        var started = time.GetTimestamp();
        try
        {
            var answer = await gateway.CallToolAsync(Target(server), tool, arguments, cancellationToken);
            await RecordCallAsync(server, tool, answer.IsError ? OutcomeReason.ProviderError : OutcomeReason.Ok, started);
            if (answer.ToolsChanged)
            {
                await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
                await db.RemoteMcpServers.Where(s => s.Id == serverId).ExecuteUpdateAsync(u => u.SetProperty(s => s.NeedsRefresh, true), CancellationToken.None);
            }

            return answer.IsError
                ? ActionOutcome.Failed(new Sentence("Mcp_ToolFailed", server.Name, tool, answer.Content), reason: OutcomeReason.ProviderError)
                : new ActionOutcome(true, answer.Content);
        }
        catch (RemoteMcpException ex)
        {
            await RecordCallAsync(server, tool, ex.Reason, started);
            return ActionOutcome.Failed(ex.Sentence, reason: ex.Reason);
        }
    }

    public static string ToolName(string server, string tool)
    {
        var safe = new string(tool.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_').ToArray());
        var name = $"{server}_{safe}";
        return name.Length <= MaxToolNameLength ? name : name[..MaxToolNameLength];
    }

    private async Task<Uri> CheckAsync(SaveRemoteMcpServerRequest request, CancellationToken cancellationToken)
    {
        await validator.ValidateAndThrowAsync(request, cancellationToken);
        var url = new Uri(request.Url!);
        if (await gateway.RefusalAsync(url, cancellationToken) is { } refusal)
        {
            throw new ValidationException([new FluentValidation.Results.ValidationFailure("url", refusal.InCurrentLanguage())]);
        }

        return url;
    }

    private void Apply(RemoteMcpServer server, SaveRemoteMcpServerRequest request, bool keepSecret = false)
    {
        server.AgentIds = string.Join(',', (request.AgentIds ?? []).OfType<string>().Distinct(StringComparer.Ordinal));
        var header = string.IsNullOrWhiteSpace(request.HeaderName) ? null : request.HeaderName.Trim();
        if (header is null)
        {
            (server.HeaderName, server.ProtectedSecret) = (null, null);
        }
        else if (request.Secret is { Length: > 0 } secret)
        {
            (server.HeaderName, server.ProtectedSecret) = (header, Protector(server).Protect(secret));
        }
        else
        {
            // No secret given: keep the stored one, unless the address changed (a secret never follows to another host).
            server.HeaderName = header;
            server.ProtectedSecret = keepSecret ? server.ProtectedSecret : null;
        }
    }

    private static async Task EnsureNameFreeAsync(AgentHubDbContext db, Guid workspaceId, string name, Guid? except, CancellationToken cancellationToken)
    {
        if (await db.RemoteMcpServers.AnyAsync(s => s.WorkspaceId == workspaceId && s.Name == name && s.Id != except, cancellationToken))
        {
            throw NameTaken(name);
        }
    }

    private static ValidationException NameTaken(string name) =>
        new([new FluentValidation.Results.ValidationFailure("name", CoreText.Get("Mcp_NameTaken", name))]);

    private RemoteMcpTarget Target(RemoteMcpServer server) => new(
        new Uri(server.Url),
        server.HeaderName,
        server.ProtectedSecret is null ? null : Protector(server).Unprotect(server.ProtectedSecret));

    private IDataProtector Protector(RemoteMcpServer server) =>
        protection.CreateProtector(Purpose, server.WorkspaceId.ToString("N"), server.Id.ToString("N"));

    private async Task RecordCallAsync(RemoteMcpServer server, string tool, OutcomeReason reason, long started) =>
        await callLog.RecordAsync(new ProviderCall
        {
            WorkspaceId = server.WorkspaceId,
            ProviderId = Text.Shorten("mcp:" + server.Name, 63),
            Method = "MCP",
            Host = Text.Shorten(new Uri(server.Url).Host, 255),
            Path = Text.Shorten(tool, 511),
            Reason = reason,
            DurationMs = (int)Math.Min(int.MaxValue, time.GetElapsedTime(started).TotalMilliseconds),
            Background = true,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        }, CancellationToken.None);

    private async Task<RemoteMcpServer> LoadAsync(Guid workspaceId, Guid id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.RemoteMcpServers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id && s.WorkspaceId == workspaceId, cancellationToken)
            ?? throw new NotFoundException(CoreText.Get("Mcp_NoSuchServer"));
    }

    private static RemoteMcpServerView View(RemoteMcpServer server) => new(
        server.Id, server.Name, server.Url, server.HeaderName, server.ProtectedSecret is not null, server.Agents,
        server.Tools.Select(t => new RemoteMcpToolView(t.Name, ToolName(server.Name, t.Name), t.Description, t.ReadOnly)).ToList(),
        server.ToolsRefreshedAt, server.Error, server.CreatedAt, server.UpdatedAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listing the tools of MCP server {Server} in workspace {WorkspaceId} failed: {Reason}")]
    private static partial void LogListFailed(ILogger logger, Guid workspaceId, string server, OutcomeReason reason);
}

/// <summary>An outside tool as a helper sees it: its server, its `{server}_{tool}` name and its description.</summary>
public sealed record RemoteToolRef(Guid ServerId, string ServerName, string ToolName, RemoteMcpTool Tool, Guid ServerVersion = default);
