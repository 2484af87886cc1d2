using System.Data.Common;
using AgentHub.Core.CallLog;
using AgentHub.Core.Connections;
using AgentHub.Core.Data;
using AgentHub.Core.Webhooks;
using AgentHub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace AgentHub.Tests.Core;

/// <summary>The overview's activity columns (calls, errors, cache hits, webhook events) come from one SQL command.</summary>
public sealed class WorkspaceActivityTests : IAsyncLifetime
{
    private readonly CommandCounter _commands = new();
    private AgentHubFactory _factory = null!;

    public Task InitializeAsync()
    {
        _factory = new AgentHubFactory(services: s => s.AddSingleton<IInterceptor>(_commands));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Activity_CountsCallsAndEventsPerProvider_InOneCommand_AndOnlyOfItsOwnWorkspace()
    {
        var owner = await _factory.CreateOwnerActorAsync("owner@activity.test");
        var stranger = await _factory.CreateOwnerActorAsync("owner@elsewhere.test");
        var now = DateTime.UtcNow;
        await using (var db = await _factory.Services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>().CreateDbContextAsync())
        {
            ProviderCall Call(Guid workspace, string provider, OutcomeReason reason, DateTime at, bool cacheHit = false) => new()
            {
                WorkspaceId = workspace,
                ProviderId = provider,
                Method = "GET",
                Host = "h",
                Path = "/p",
                Reason = reason,
                CreatedAt = at,
                CacheHit = cacheHit,
            };
            db.ProviderCalls.AddRange(
                Call(owner.WorkspaceId, "hubspot", OutcomeReason.Ok, now.AddHours(-1)),
                Call(owner.WorkspaceId, "hubspot", OutcomeReason.AuthInvalid, now.AddHours(-2)),
                Call(owner.WorkspaceId, "hubspot", OutcomeReason.Ok, now.AddDays(-3)),
                Call(owner.WorkspaceId, "hubspot", OutcomeReason.Ok, now.AddHours(-1), cacheHit: true),
                Call(stranger.WorkspaceId, "hubspot", OutcomeReason.Ok, now.AddHours(-1)));
            var endpoints = new Dictionary<(Guid, string), Guid>();
            Guid Endpoint(Guid workspace, string provider)
            {
                if (!endpoints.TryGetValue((workspace, provider), out var id))
                {
                    id = Guid.NewGuid();
                    endpoints[(workspace, provider)] = id;
                    db.WebhookEndpoints.Add(new WebhookEndpoint
                    {
                        Id = id,
                        WorkspaceId = workspace,
                        ProviderId = provider,
                        KeyHash = id.ToString("N"),
                        ProtectedKey = "k",
                        CreatedAt = now,
                        KeyRotatedAt = now,
                    });
                }

                return id;
            }

            WebhookDelivery Delivery(Guid workspace, string provider, DateTime at) => new()
            {
                Id = Guid.NewGuid(),
                EndpointId = Endpoint(workspace, provider),
                WorkspaceId = workspace,
                ProviderId = provider,
                EventId = Guid.NewGuid().ToString("N"),
                ProtectedPayload = "x",
                ReceivedAt = at,
                NextAttemptAt = at,
            };
            db.WebhookDeliveries.AddRange(
                Delivery(owner.WorkspaceId, "zendesk", now.AddHours(-3)),
                Delivery(owner.WorkspaceId, "zendesk", now.AddHours(-4)),
                Delivery(owner.WorkspaceId, "hubspot", now.AddHours(-30)),
                Delivery(stranger.WorkspaceId, "zendesk", now.AddHours(-1)));
            await db.SaveChangesAsync();
        }

        var before = _commands.Count;
        var activity = await _factory.Services.GetRequiredService<CallLogService>().ActivityAsync(owner);

        Assert.Equal(1, _commands.Count - before);
        var hubspot = activity.Usage["hubspot"];
        Assert.Equal((2, 1, 3, 1, 1), (hubspot.Calls24h, hubspot.Errors24h, hubspot.Calls7d, hubspot.Errors7d, hubspot.CacheHits24h));
        Assert.Equal(2, activity.Events24h["zendesk"]);
        Assert.False(activity.Events24h.ContainsKey("hubspot")); // older than 24 hours
        Assert.False(activity.Usage.ContainsKey("zendesk"));
    }

    private sealed class CommandCounter : DbCommandInterceptor
    {
        private int _count;

        public int Count => _count;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
