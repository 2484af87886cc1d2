using AgentHub.Core.Accounts;
using AgentHub.Core.Actions;
using AgentHub.Core.Audit;
using AgentHub.Core.Background;
using AgentHub.Core.Brain;
using AgentHub.Core.CallLog;
using AgentHub.Core.Common;
using AgentHub.Core.Connections;
using AgentHub.Core.Data;
using AgentHub.Core.OAuth;
using AgentHub.Core.Tasks;
using AgentHub.Core.Webhooks;
using AgentHub.Core.Workspaces;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentHub.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>The database (SQLite by default, SQL Server by configuration), Data Protection with keys in it, and the Core services.</summary>
    public static IServiceCollection AddAgentHubCore(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();

        // Read when the first context is built, not now: hosts (and test hosts) may still add configuration sources.
        static string? ConnectionString(IServiceProvider sp) =>
            sp.GetRequiredService<IConfiguration>().GetConnectionString("AgentHub");

        var dataProtection = services.AddDataProtection().SetApplicationName("AgentHub");
        switch (options.Provider)
        {
            case DatabaseProvider.SqlServer:
                services.AddDatabase<SqlServerAgentHubDbContext>((sp, o) => o.UseSqlServer(
                    ConnectionString(sp) is { Length: > 0 } sqlServer
                        ? sqlServer
                        : throw new InvalidOperationException("Database:Provider is SqlServer but ConnectionStrings:AgentHub is not set."),
                    sql => sql.EnableRetryOnFailure()));
                dataProtection.PersistKeysToDbContext<SqlServerAgentHubDbContext>();
                break;
            default:
                services.AddDatabase<SqliteAgentHubDbContext>((sp, o) => o
                    .UseSqlite(ConnectionString(sp) is { Length: > 0 } sqlite ? sqlite : DatabaseOptions.DefaultSqliteConnectionString)
                    .AddInterceptors(SqliteConnectionSettings.Instance));
                dataProtection.PersistKeysToDbContext<SqliteAgentHubDbContext>();
                break;
        }

        // The key ring lives in the database; every key in it is encrypted with a certificate that does not.
        services.AddOptions<KeyRingCertificateOptions>().Bind(configuration.GetSection("DataProtection:Certificate"));
        services.AddSingleton<KeyRingCertificate>();
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
            o.XmlEncryptor = new KeyRingXmlEncryptor(sp.GetRequiredService<KeyRingCertificate>(), sp.GetRequiredService<ILoggerFactory>())));

        services.AddOptions<AuthOptions>().Bind(configuration.GetSection("Auth"));
        services.AddOptions<AppOptions>().Bind(configuration.GetSection("App"))
            .Validate(o => AppOptions.IsValidBaseUrl(o.PublicBaseUrl), "App:PublicBaseUrl must be an absolute http or https URL without query or fragment.")
            .ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddMemoryCache();
        services.AddSingleton<CredentialValidators>();
        services.AddSingleton<ConnectionSecretProtector>();
        services.AddSingleton<ConnectionEvents>();
        services.AddSingleton<IntegrationViewMapper>();
        services.AddSingleton<IntegrationQueries>();
        services.AddSingleton<ConnectionTester>();
        services.AddSingleton<IntegrationService>();
        services.AddSingleton<AuditService>();
        services.AddSingleton<WorkspaceService>();

        // Background work: one lease store, one runner of recurring jobs (each under its job:{name} lease), and the
        // queue workers below (tasks, webhook deliveries) sharing one loop shape.
        services.AddAgentHubBackground();
        services.AddOptions<ConnectionOptions>().Bind(configuration.GetSection("Connections"))
            .Validate(o => o.BackgroundRetestInterval >= TimeSpan.Zero, "Connections:BackgroundRetestInterval must be zero (off) or positive.")
            .ValidateOnStart();
        services.AddRecurringJob<ConnectionRetestJob>();

        services.AddOptions<CallLogOptions>().Bind(configuration.GetSection("CallLog"))
            .Validate(o => o.RetentionDays > 0 && o.MaxRowsPerConnection > 0 && o.SweepInterval > TimeSpan.Zero,
                "CallLog:RetentionDays, CallLog:MaxRowsPerConnection and CallLog:SweepInterval must be positive.")
            .ValidateOnStart();
        services.AddSingleton<CallLogService>();
        services.AddSingleton<ICallLogWriter>(sp => sp.GetRequiredService<CallLogService>());
        services.AddRecurringJob<CallLogSweepJob>();
        services.AddOptions<OAuthOptions>().Bind(configuration.GetSection("OAuth"))
            .Validate(o => o.JobInterval > TimeSpan.Zero && o.StateLifetime > TimeSpan.Zero, "OAuth:JobInterval and OAuth:StateLifetime must be positive.")
            .ValidateOnStart();
        services.AddSingleton<OAuthAppService>();
        services.AddSingleton<OAuthTokenRefresher>();
        services.AddSingleton<IConnectionTokens>(sp => sp.GetRequiredService<OAuthTokenRefresher>());
        services.AddSingleton<IOAuthAvailability>(sp => sp.GetRequiredService<OAuthAppService>());
        services.AddSingleton<OAuthConnectService>();
        services.AddRecurringJob<OAuthRefreshJob>();
        services.AddRecurringJob<OAuthFlowSweepJob>();

        // Agent tasks: actions as tools, the response cache, approvals, and the runner.
        services.AddOptions<AiOptions>().Bind(configuration.GetSection(AiOptions.Section))
            .Validate(o => string.IsNullOrWhiteSpace(o.Endpoint) || AppOptions.IsValidBaseUrl(o.Endpoint),
                "AI:Endpoint must be an absolute http or https URL without query, fragment or user info.")
            .ValidateOnStart();
        services.AddOptions<TaskOptions>().Bind(configuration.GetSection("Tasks"))
            .Validate(o => o.MaxTurns is > 0 and <= 100 && o.MaxDuration > TimeSpan.Zero && o.Concurrency > 0 && o.PollInterval > TimeSpan.Zero,
                "Tasks:MaxTurns (1-100), Tasks:MaxDuration, Tasks:Concurrency and Tasks:PollInterval must be positive.")
            .ValidateOnStart();
        services.AddHybridCache();
        services.AddSingleton<ActionArguments>();
        services.AddSingleton<ConnectionActionService>();
        services.AddSingleton<TaskEvents>();
        services.AddSingleton<TaskJournal>();
        services.AddSingleton<AgentToolbox>();
        services.AddSingleton<CreateTaskRequestValidator>();
        services.AddSingleton<HandOffs>();
        services.AddSingleton<TaskRunner>();
        services.AddSingleton<TaskService>();
        services.AddSingleton<Mcp.WorkspaceMcpTools>();
        services.AddOptions<Conversations.ChatSettings>().Bind(configuration.GetSection(Conversations.ChatSettings.Section))
            .Validate(o => o.MaxContextTokens is >= 500 and <= 1_000_000 && o.SummaryWords is > 0 and <= 2000,
                "Chat:MaxContextTokens must be 500 to 1,000,000 and Chat:SummaryWords 1 to 2,000.")
            .ValidateOnStart();
        services.AddSingleton<Conversations.ConversationHistory>();
        services.AddSingleton<Conversations.StartConversationRequestValidator>();
        services.AddSingleton<Conversations.PostMessageRequestValidator>();
        services.AddSingleton<Conversations.ConversationService>();
        services.AddSingleton<ApprovalService>();
        services.AddSingleton<Accounts.CreateAccessTokenRequestValidator>();
        services.AddSingleton<Accounts.AccessTokenService>();
        services.AddSingleton<SaveApprovalPoliciesRequestValidator>();
        services.AddSingleton<ApprovalPolicyService>();
        services.AddQueueWorker<TaskRunnerService>();

        // Schedules: recurring work, each occurrence once across instances.
        services.AddOptions<Schedules.ScheduleOptions>().Bind(configuration.GetSection(Schedules.ScheduleOptions.Section))
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.PollInterval <= TimeSpan.FromHours(1) && o.CatchUpWindow >= TimeSpan.Zero && o.LateAfter >= o.PollInterval,
                "Schedules: PollInterval must be positive and at most an hour, CatchUpWindow zero or more, and LateAfter at least PollInterval.")
            .ValidateOnStart();
        services.AddSingleton<Schedules.SaveScheduleRequestValidator>();
        services.AddSingleton<Schedules.ScheduleService>();
        services.AddRecurringJob<Schedules.ScheduleJob>();
        services.AddOptions<Mcp.RemoteMcpOptions>().Bind(configuration.GetSection(Mcp.RemoteMcpOptions.Section));
        services.AddSingleton<Mcp.SaveRemoteMcpServerRequestValidator>();
        services.AddSingleton<Mcp.RemoteMcpService>();
        services.AddRecurringJob<Mcp.RemoteMcpRefreshJob>();
        services.AddMetrics();
        services.AddSingleton<Common.AgentHubMetrics>();
        services.AddSingleton<Usage.UsageRecorder>();
        services.AddSingleton<Usage.SaveBudgetRequestValidator>();
        services.AddSingleton<Usage.BudgetService>();
        services.AddSingleton<Usage.UsageQueries>();
        services.AddSingleton<Usage.UsageWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<Usage.UsageWriter>());

        services.AddOptions<EventTaskBudgetOptions>().Bind(configuration.GetSection("RateLimits:EventTasks"))
            .Validate(o => o.PermitLimit >= 0 && o.Window > TimeSpan.Zero, "RateLimits:EventTasks: PermitLimit must be 0 or more and Window positive.")
            .ValidateOnStart();
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection("Webhooks"))
            .Validate(o => o.MaxBodyBytes > 0 && o.MaxEventsPerDelivery > 0 && o.MaxAttempts > 0 && o.PollInterval > TimeSpan.Zero && o.LeaseDuration > TimeSpan.Zero &&
                o.RetryDelay > TimeSpan.Zero && o.MaxRetryDelay >= o.RetryDelay && o.Retention > TimeSpan.Zero && o.SweepInterval > TimeSpan.Zero,
                "Webhooks: MaxBodyBytes, MaxEventsPerDelivery, MaxAttempts, PollInterval, LeaseDuration, RetryDelay (<= MaxRetryDelay), Retention and SweepInterval must be positive.")
            .ValidateOnStart();
        services.AddSingleton<WebhookProtector>();
        services.AddSingleton<WebhookVerifier>();
        services.AddSingleton<WebhookSignal>();
        services.AddSingleton<WebhookReceiver>();
        services.AddSingleton<WebhookService>();
        services.AddSingleton<SaveWebhookRuleRequestValidator>();
        services.AddSingleton<WebhookRuleService>();
        services.AddSingleton<WebhookProcessor>();
        services.AddQueueWorker<WebhookProcessorService>();
        services.AddRecurringJob<WebhookSweepJob>();

        // The Brain: the business profile, sources read in the background, search.
        services.AddOptions<BrainOptions>().Bind(configuration.GetSection(BrainOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.ResyncInterval >= TimeSpan.FromMinutes(1) && o.SourceTimeBudget > TimeSpan.Zero && o.PollInterval > TimeSpan.Zero
                && o.OverlapTokens < o.ChunkTokens,
                "Brain: ResyncInterval (at least a minute), SourceTimeBudget and PollInterval must be positive, and OverlapTokens below ChunkTokens.")
            .ValidateOnStart();
        services.AddSingleton<BrainSignal>();
        services.AddSingleton<BrainService>();
        services.AddSingleton<BrainIngestion>();
        services.AddSingleton<BrainSearchTool>();
        services.AddSingleton<BrainVectorIndex>();
        services.AddSingleton<BrainSearcher>();
        services.AddQueueWorker<BrainIngestionWorker>();
        return services;
    }

    private static void AddDatabase<TContext>(this IServiceCollection services, Action<IServiceProvider, DbContextOptionsBuilder> configure)
        where TContext : AgentHubDbContext
    {
        services.AddDbContextFactory<TContext>((sp, options) =>
        {
            configure(sp, options);
            // A failed command or save is rethrown to the code that made it, which knows whether it was expected (a
            // duplicate webhook event, a lease another instance holds: a unique key doing its job) or not (then the
            // request's exception handler or the background loop logs it as an error). EF Core's own Error line for
            // every failure would log routine outcomes as errors, so it is written at Debug.
            options.ConfigureWarnings(w => w.Log(
                (CoreEventId.SaveChangesFailed, LogLevel.Debug),
                (RelationalEventId.CommandError, LogLevel.Debug)));
            // Hosts may add interceptors (the benchmark's SQL command counter).
            options.AddInterceptors(sp.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>());
        });
        services.AddSingleton<IDbContextFactory<AgentHubDbContext>, ContextFactoryAdapter<TContext>>();
    }
}
