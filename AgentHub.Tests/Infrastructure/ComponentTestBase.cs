using System.Security.Claims;
using AgentHub.Core;
using AgentHub.Core.Accounts;
using AgentHub.Core.Actions;
using AgentHub.Core.Catalog;
using AgentHub.Core.Connections;
using AgentHub.Core.Data;
using AgentHub.Core.OAuth;
using AgentHub.Core.Tasks;
using AgentHub.Core.Workspaces;
using AgentHub.Integrations.Catalog;
using AgentHub.Web;
using AgentHub.Web.Infrastructure;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using MudBlazor.Services;

namespace AgentHub.Tests.Infrastructure;

/// <summary>
/// The bUnit host: MudBlazor services, the real Core services over a temporary SQLite file, a signed-in owner, and a
/// <see cref="FakeVerifier"/> in place of the provider checks.
/// </summary>
public abstract class ComponentTestBase : BunitContext, IAsyncLifetime
{
    private readonly string _databasePath = TestPaths.CopyMigratedDatabase(Path.Combine(TestPaths.Databases, $"bunit-{Guid.NewGuid():N}.db"));

    protected ComponentTestBase()
    {
        Directory.CreateDirectory(TestPaths.Databases);
        JSInterop.Mode = JSRuntimeMode.Loose;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:AgentHub"] = $"Data Source={_databasePath}",
        }).Build();
        Services.AddSingleton<IConfiguration>(configuration);
        Services.AddLogging(logging => logging.AddFakeLogging());
        Services.AddMudServices();
        Services.AddAgentHubCore(configuration);
        Services.AddSingleton<IIntegrationCatalog>(new TestCatalog(CatalogLoader.LoadEmbeddedLocalized()));
        Services.RemoveAll<IConnectionVerifier>();
        Services.AddSingleton<IConnectionVerifier>(Verifier);
        Services.AddSingleton<IOAuthGateway>(OAuth);
        Services.AddSingleton<IChatClientSource>(Model);
        Services.AddSingleton<IActionExecutor>(Executor);
        Services.AddSingleton<AgentHub.Core.Brain.IBrainFetcher, NoWebFetcher>();
        Services.AddSingleton<AgentHub.Core.Mcp.IRemoteMcpGateway, NoMcpGateway>();
        Services.AddSingleton<AgentHub.Core.Brain.IEmbeddingSource, NoEmbeddings>();
        Services.AddSingleton<AgentHub.Core.Brain.IBrainExtractor, AgentHub.Integrations.Brain.BrainExtractor>();
        Services.AddOptions<RateLimitOptions>();
        Services.AddAgentHubCircuitServices();
        Authorization = AddAuthorization();
    }

    protected FakeVerifier Verifier { get; } = new();

    /// <summary>The model the task services see (configured by default; tasks are not run in component tests).</summary>
    protected ScriptedChatClient Model { get; } = new();

    /// <summary>What an approved action would send, recorded instead of sent.</summary>
    protected FakeActionExecutor Executor { get; } = new();

    /// <summary>The OAuth side: which providers have an operator app, and the authorizations started.</summary>
    protected FakeOAuthGateway OAuth { get; } = new();

    /// <summary>Every log line the components and services wrote, with level, category and exception.</summary>
    protected IReadOnlyList<string> Logs() =>
        Services.GetRequiredService<FakeLogCollector>().GetSnapshot().Select(r => $"{r.Level} {r.Category} {r.Message} {r.Exception}").ToList();
    protected BunitAuthorizationContext Authorization { get; }
    protected WorkspaceActor Owner { get; private set; } = null!;
    protected IntegrationService Integrations => Services.GetRequiredService<IntegrationService>();

    protected IntegrationQueries Queries => Services.GetRequiredService<IntegrationQueries>();

    protected ConnectionTester Tester => Services.GetRequiredService<ConnectionTester>();

    public async Task InitializeAsync()
    {
        await Services.InitializeAgentHubDatabaseAsync();
        var workspaceId = Guid.NewGuid();
        var owner = new AgentHubUser { UserName = "owner@bunit.test", Email = "owner@bunit.test", WorkspaceId = workspaceId, Role = WorkspaceRole.Owner };
        var userId = owner.Id;
        await using (var db = await Services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>().CreateDbContextAsync())
        {
            db.Workspaces.Add(new Workspace { Id = workspaceId, Name = "Test", CreatedAt = DateTime.UtcNow });
            db.Users.Add(owner);
            await db.SaveChangesAsync();
        }

        Owner = new WorkspaceActor(workspaceId, userId, "owner@bunit.test", WorkspaceRole.Owner);
        Authorization.SetAuthorized("owner@bunit.test");
        // As Identity signs a user in: the id and the security stamp (which the actor resolver checks).
        Authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, userId), new Claim("AspNet.Identity.SecurityStamp", owner.SecurityStamp!));
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_databasePath + suffix);
        }
    }
}
