using AgentHub.Core.Accounts;
using AgentHub.Core.Audit;
using AgentHub.Core.Background;
using AgentHub.Core.Brain;
using AgentHub.Core.CallLog;
using AgentHub.Core.Connections;
using AgentHub.Core.Conversations;
using AgentHub.Core.OAuth;
using AgentHub.Core.Tasks;
using AgentHub.Core.Webhooks;
using AgentHub.Core.Workspaces;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AgentHub.Core.Data;

/// <summary>
/// The one database of AgentHub. Each database provider has a subclass (<see cref="SqliteAgentHubDbContext"/>,
/// <see cref="SqlServerAgentHubDbContext"/>) that owns its migrations; services depend on this base type only.
/// </summary>
public abstract class AgentHubDbContext(DbContextOptions options) : IdentityDbContext<AgentHubUser>(options), IDataProtectionKeyContext
{
    public DbSet<Workspace> Workspaces => Set<Workspace>();
    public DbSet<Connection> Connections => Set<Connection>();
    public DbSet<ProviderCall> ProviderCalls => Set<ProviderCall>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<OAuthApp> OAuthApps => Set<OAuthApp>();
    public DbSet<OAuthFlow> OAuthFlows => Set<OAuthFlow>();

    /// <summary>Leases: work that must happen once across instances (a token refresh, a background job).</summary>
    public DbSet<Lease> Leases => Set<Lease>();
    public DbSet<AgentTask> Tasks => Set<AgentTask>();
    public DbSet<TaskStep> TaskSteps => Set<TaskStep>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<Approval> Approvals => Set<Approval>();
    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();

    /// <summary>The webhook inbox: every verified event, once.</summary>
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<WebhookRule> WebhookRules => Set<WebhookRule>();

    /// <summary>The Brain: the business profile, its sources (and their content, apart), and the chunks search reads.</summary>
    public DbSet<BrainProfile> BrainProfiles => Set<BrainProfile>();
    public DbSet<BrainSource> BrainSources => Set<BrainSource>();
    public DbSet<BrainSourceContent> BrainSourceContents => Set<BrainSourceContent>();
    public DbSet<BrainChunk> BrainChunks => Set<BrainChunk>();

    /// <summary>Recurring work and the occurrences taken (once each), and the workspace's approval policies.</summary>
    public DbSet<Schedules.Schedule> Schedules => Set<Schedules.Schedule>();
    public DbSet<Schedules.ScheduleRun> ScheduleRuns => Set<Schedules.ScheduleRun>();
    public DbSet<ApprovalPolicy> ApprovalPolicies => Set<ApprovalPolicy>();

    /// <summary>Personal access tokens (hashed).</summary>
    public DbSet<AccessToken> AccessTokens => Set<AccessToken>();
    public DbSet<Mcp.RemoteMcpServer> RemoteMcpServers => Set<Mcp.RemoteMcpServer>();
    public DbSet<Usage.ModelUsage> ModelUsage => Set<Usage.ModelUsage>();
    public DbSet<Usage.ModelUsageDay> ModelUsageDays => Set<Usage.ModelUsageDay>();

    /// <summary>Data Protection's key ring, shared by every instance that uses this database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AgentHubDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every timestamp is UTC; SQLite does not keep DateTime.Kind, so restore it on the way out.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
