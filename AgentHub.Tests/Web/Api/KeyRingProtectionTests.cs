using System.Security.Cryptography;
using System.Text;
using AgentHub.Core;
using AgentHub.Core.Connections;
using AgentHub.Core.Data;
using AgentHub.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AgentHub.Tests.Web.Api;

/// <summary>
/// Finding 2: the key ring in the database is encrypted with a certificate kept outside it, so a copy of the database
/// alone decrypts nothing; keys written unencrypted by earlier versions are re-protected and still decrypt; the
/// database files and the generated certificate are owner-only.
/// </summary>
public sealed class KeyRingProtectionTests : IAsyncLifetime
{
    private const string Canary = "CANARY-keyring-zendesk-5d1e8b";

    // Each test gets a folder of its own: its database, its generated certificate, the thief's copy.
    private readonly string _folder = Path.Combine(TestPaths.Databases, $"keyring-{Guid.NewGuid():N}");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the folder is under the temp directory.
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task ACopyOfTheDatabase_DecryptsNothing_WithoutTheCertificate_AndEverything_WithIt()
    {
        var database = Path.Combine(_folder, "app", "agenthub.db");
        string ciphertext;
        Guid workspaceId;
        await using (var providers = await FakeProviderServer.StartAsync())
        await using (var factory = new AgentHubFactory(providers, databasePath: database))
        {
            var owner = await factory.CreateUserAsync("owner@acme.test");
            workspaceId = owner.WorkspaceId;
            var values = new Dictionary<string, string>(FakeProviders.Get("zendesk").Valid) { ["api_token"] = Canary };
            using (var configured = await owner.Client.PostAsync("/api/integrations/cassie/zendesk/configure", JsonBody(new { credentials = values })))
            {
                Assert.True(configured.IsSuccessStatusCode);
            }

            ciphertext = await StoredCiphertextAsync(factory.Services, workspaceId);
            await CheckpointAsync(factory.Services);

            // The key ring in the database holds no master key in clear.
            var keys = await KeyXmlAsync(factory.Services);
            Assert.NotEmpty(keys);
            Assert.All(keys, xml =>
            {
                Assert.Contains("encryptedSecret", xml);
                Assert.DoesNotContain("<value>", xml);
                Assert.DoesNotContain("unencrypted", xml);
            });

            SqliteConnection.ClearAllPools();
            var thief = Path.Combine(_folder, "thief", "agenthub.db");
            Directory.CreateDirectory(Path.GetDirectoryName(thief)!);
            File.Copy(database, thief);

            // A fresh process with only the copy (it generates a certificate of its own): nothing decrypts.
            await using (var stolen = Standalone(thief))
            {
                Assert.ThrowsAny<CryptographicException>(() => stolen.GetRequiredService<ConnectionSecretProtector>().Unprotect(
                    workspaceId,
                    "zendesk",
                    ciphertext));
            }

            // The same copy with the original certificate: everything decrypts.
            var certificate = Path.Combine(_folder, "app", KeyRingCertificate.DefaultFileName);
            Assert.True(File.Exists(certificate));
            await using (var restored = Standalone(thief, certificate))
            {
                var secrets = restored.GetRequiredService<ConnectionSecretProtector>().Unprotect(workspaceId, "zendesk", ciphertext);
                Assert.Equal(Canary, secrets["api_token"]);
            }
        }
    }

    [Fact]
    public async Task KeysWrittenUnencryptedByEarlierVersions_AreReprotectedAtStartup_AndStillDecrypt()
    {
        var database = Path.Combine(_folder, "legacy", "agenthub.db");
        Directory.CreateDirectory(Path.GetDirectoryName(database)!);
        var workspaceId = Guid.NewGuid();
        string ciphertext;

        // What an earlier version did: Data Protection with its keys in the database and no XML encryptor.
        var legacy = new ServiceCollection().AddLogging();
        legacy.AddDbContext<SqliteAgentHubDbContext>(o => o.UseSqlite($"Data Source={database}"));
        legacy.AddDataProtection().SetApplicationName("AgentHub").PersistKeysToDbContext<SqliteAgentHubDbContext>();
        await using (var services = legacy.BuildServiceProvider())
        {
            await using (var scope = services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<SqliteAgentHubDbContext>().Database.MigrateAsync();
            }

            ciphertext = new ConnectionSecretProtector(services.GetRequiredService<IDataProtectionProvider>())
                .Protect(workspaceId, "zendesk", new Dictionary<string, string> { ["api_token"] = Canary });
            var legacyKeys = await KeyXmlAsync(services.GetRequiredService<SqliteAgentHubDbContext>());
            Assert.Contains(legacyKeys, xml => xml.Contains("<value>", StringComparison.Ordinal));
        }

        SqliteConnection.ClearAllPools();
        await using (var providers = await FakeProviderServer.StartAsync())
        await using (var factory = new AgentHubFactory(providers, databasePath: database))
        {
            _ = factory.Server; // starts the app: the initializer re-protects the keys

            var keys = await KeyXmlAsync(factory.Services);
            Assert.All(keys, xml =>
            {
                Assert.Contains("encryptedSecret", xml);
                Assert.DoesNotContain("<value>", xml);
            });
            Assert.Contains("Re-protected 1 Data Protection keys", factory.AllLogText());
            var secrets = factory.Services.GetRequiredService<ConnectionSecretProtector>().Unprotect(workspaceId, "zendesk", ciphertext);
            Assert.Equal(Canary, secrets["api_token"]);
        }
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task TheDatabaseFiles_TheirFolder_AndTheGeneratedCertificate_AreOwnerOnly()
    {
        var database = Path.Combine(_folder, "modes", "agenthub.db");
        await using var providers = await FakeProviderServer.StartAsync();
        await using var factory = new AgentHubFactory(providers, databasePath: database);
        var owner = await factory.CreateUserAsync("owner@acme.test");
        using (var configured = await owner.Client.PostAsync(
            "/api/integrations/buddy/hubspot/configure",
            JsonBody(new { credentials = FakeProviders.Get("hubspot").Valid })))
        {
            Assert.True(configured.IsSuccessStatusCode);
        }

        // SQLite deletes the -wal and -shm files when the last connection closes (the app's pool may have closed them
        // all by now on a busy machine): hold one open, as the app does while it works. SQLite gives both files the
        // database file's own mode, which is what this proves.
        await using var open = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database}");
        await open.OpenAsync();
        await using (var read = open.CreateCommand())
        {
            read.CommandText = "SELECT count(*) FROM Connections";
            await read.ExecuteScalarAsync();
        }

        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        foreach (var file in new[] { database, database + "-wal", database + "-shm", Path.Combine(_folder, "modes", KeyRingCertificate.DefaultFileName) })
        {
            Assert.True(File.Exists(file), file);
            Assert.Equal(ownerOnly, File.GetUnixFileMode(file));
        }

        Assert.Equal(ownerOnly | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(_folder, "modes")));
    }

    [Fact]
    public async Task AConfiguredCertificateThatIsMissing_StopsStartup_WithAClearMessage()
    {
        var missing = Path.Combine(_folder, "nowhere.pfx");
        await using var factory = new AgentHubFactory(
            settings: new Dictionary<string,
            string?>
            { ["DataProtection:Certificate:Path"] = missing },
            databasePath: Path.Combine(_folder, "m", "agenthub.db"));

        var error = Assert.ThrowsAny<InvalidOperationException>(() => factory.Server);

        Assert.Contains("DataProtection:Certificate:Path", error.Message);
    }

    /// <summary>The Core services alone over a database file, as a separate process would have them.</summary>
    private static ServiceProvider Standalone(string database, string? certificate = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:AgentHub"] = $"Data Source={database}",
            ["DataProtection:Certificate:Path"] = certificate,
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddAgentHubCore(configuration);
        return services.BuildServiceProvider();
    }

    private static async Task<string> StoredCiphertextAsync(IServiceProvider services, Guid workspaceId)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>().CreateDbContextAsync();
        return await db.Connections.Where(c => c.WorkspaceId == workspaceId && c.ProviderId == "zendesk").Select(c => c.ProtectedSecrets!).SingleAsync();
    }

    private static async Task CheckpointAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>().CreateDbContextAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
    }

    private static async Task<List<string>> KeyXmlAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>().CreateDbContextAsync();
        return await KeyXmlAsync(db);
    }

    private static Task<List<string>> KeyXmlAsync(AgentHubDbContext db) => db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml!).ToListAsync();

    private static StringContent JsonBody(object body) =>
        new(System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
}
