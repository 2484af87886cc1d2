using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentHub.Core.Accounts;
using AgentHub.Core.Workspaces;
using AgentHub.Integrations.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace AgentHub.Tests.Infrastructure;

/// <summary>
/// The API test host: the real app over its own SQLite file, every log line captured, no real DNS, and (when given)
/// every provider pointed at the loopback <see cref="FakeProviderServer"/>.
/// </summary>
public class AgentHubFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings = new();
    private readonly Action<IServiceCollection>? _services;

    /// <param name="databasePath">An existing (or wanted) SQLite file; by default a new file in the test databases folder.</param>
    /// <param name="services">Replaces app services (a fake clock), after the app's own registrations.</param>
    public AgentHubFactory(
        FakeProviderServer? providers = null,
        IDictionary<string,
        string?>? settings = null,
        string? databasePath = null,
        Action<IServiceCollection>? services = null)
    {
        _services = services;
        Directory.CreateDirectory(TestPaths.Databases);
        DatabasePath = databasePath ?? TestPaths.CopyMigratedDatabase(Path.Combine(TestPaths.Databases, $"api-{Guid.NewGuid():N}.db"));
        _settings["ConnectionStrings:AgentHub"] = $"Data Source={DatabasePath}";
        _settings["Database:Provider"] = "Sqlite";
        // Generous limits for ordinary tests; the rate-limit tests set their own.
        _settings["RateLimits:ConnectionTests:PermitLimit"] = "100000";
        _settings["RateLimits:Auth:PermitLimit"] = "100000";
        _settings["RateLimits:Tasks:PermitLimit"] = "100000";
        // Capture everything, so the no-secret-in-logs tests see every line the app could write.
        _settings["Logging:LogLevel:Default"] = "Trace";
        _settings["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace";
        _settings["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Trace";
        if (providers is not null)
        {
            foreach (var (key, value) in providers.BaseUrlSettings())
            {
                _settings[key] = value;
            }
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public string DatabasePath { get; }

    /// <summary>Leaves the database file on dispose (a restart test opens it again with a new host).</summary>
    public bool KeepDatabase { get; init; }

    public const int TestPasswordHashIterations = 1_000;

    public const string Password = "correct-horse-42";

    /// <summary>Registers an account through /api/auth/register (it owns a new workspace) and signs it in with a bearer token.</summary>
    public async Task<TestUser> CreateUserAsync(string email)
    {
        using var anonymous = CreateClient();
        using var register = await anonymous.PostAsJsonAsync("/api/auth/register", new { email, password = Password });
        Assert.True(register.IsSuccessStatusCode, $"register {email}: {(int)register.StatusCode} {await register.Content.ReadAsStringAsync()}");
        return await SignInAsync(email);
    }

    /// <summary>Signs an existing account in with a bearer token.</summary>
    public async Task<TestUser> SignInAsync(string email, string password = Password)
    {
        using var anonymous = CreateClient();
        using var login = await anonymous.PostAsJsonAsync("/api/auth/login", new { email, password });
        var tokens = await login.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(login.IsSuccessStatusCode, $"login {email}: {(int)login.StatusCode} {tokens}");
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)tokens!["accessToken"]!);
        var workspace = await client.GetFromJsonAsync<JsonObject>("/api/workspace");
        return new TestUser(email, client, Guid.Parse((string)workspace!["id"]!), (string)tokens["accessToken"]!, (string)tokens["refreshToken"]!);
    }

    /// <summary>An owner of a new workspace, for tests that call the Core services directly.</summary>
    public async Task<WorkspaceActor> CreateOwnerActorAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AgentHubUser>>();
        var user = new AgentHubUser { UserName = email, Email = email };
        var result = await users.CreateAsync(user, Password);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        return new WorkspaceActor(user.WorkspaceId, user.Id, email, user.Role);
    }

    public FakeLogCollector Logs => Services.GetRequiredService<FakeLogCollector>();

    /// <summary>Every captured log line, formatted, with its exception text.</summary>
    public string AllLogText() => string.Join('\n', Logs.GetSnapshot().Select(r => $"{r.Category} {r.Message} {r.Exception}"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(_settings));
        // Read by Program while it registers services (before the app configuration above is built): host settings.
        foreach (var (key, value) in _settings.Where(s => s.Key.StartsWith("Telemetry:", StringComparison.Ordinal)))
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.AddFakeLogging();
        });
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<IHostResolver>();
            services.AddSingleton<IHostResolver, NoNetworkResolver>();
            // Hundreds of test accounts are created and signed in: a cheaper password hash for this in-process host
            // only (PasswordHashingTests proves the app keeps Identity's default; the browser tests run the real app).
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = TestPasswordHashIterations);
            _services?.Invoke(services);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        if (KeepDatabase)
        {
            return;
        }

        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            try
            {
                File.Delete(DatabasePath + suffix);
            }
            catch (IOException)
            {
                // Best effort: the folder is under the temp directory.
            }
        }
    }
}
