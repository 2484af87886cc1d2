using AgentHub.Integrations.Http;
using Microsoft.AspNetCore.Hosting;
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

    public AgentHubFactory(FakeProviderServer? providers = null, IDictionary<string, string?>? settings = null)
    {
        Directory.CreateDirectory(TestPaths.Databases);
        DatabasePath = Path.Combine(TestPaths.Databases, $"api-{Guid.NewGuid():N}.db");
        _settings["ConnectionStrings:AgentHub"] = $"Data Source={DatabasePath}";
        _settings["Database:Provider"] = "Sqlite";
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

    public FakeLogCollector Logs => Services.GetRequiredService<FakeLogCollector>();

    /// <summary>Every captured log line, formatted, with its exception text.</summary>
    public string AllLogText() => string.Join('\n', Logs.GetSnapshot().Select(r => $"{r.Category} {r.Message} {r.Exception}"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(_settings));
        builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.AddFakeLogging();
        });
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<IHostResolver>();
            services.AddSingleton<IHostResolver, NoNetworkResolver>();
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
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
