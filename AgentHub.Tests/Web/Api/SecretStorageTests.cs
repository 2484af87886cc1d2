using System.Text;
using AgentHub.Core.Data;
using AgentHub.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentHub.Tests.Web.Api;

public sealed class SecretStorageTests : ApiTestBase
{
    private const string Canary = "CANARY-zendesk-secret-7f3a9c";

    [Fact]
    public async Task AStoredSecret_AppearsNeitherInTheDatabaseFileNorInTheLogs()
    {
        var zendesk = FakeProviders.Get("zendesk");
        var values = new Dictionary<string, string>(zendesk.Valid) { ["api_token"] = Canary };
        await ReadJsonAsync(await ConfigureAsync("cassie", "zendesk", values), 200);
        await ReadJsonAsync(await ConnectAsync("cassie", "zendesk"), 200);
        await ReadJsonAsync(await ConfigureAsync("cassie", "zendesk", new Dictionary<string, string>(values) { ["api_token"] = "" }), 200);

        // The secret did reach the provider (so it was stored and decrypted), in the Basic header only.
        var sent = Providers.RequestsFor("zendesk").Last().Header("Authorization");
        Assert.Equal(FakeProvider.Basic("agent@acme.com/token", Canary), sent);

        // Checkpoint the WAL so every page is in the main file, then read all files of the database raw.
        var factory = Factory.Services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            Assert.True(await db.Connections.AnyAsync(c => c.ProtectedSecrets != null));
        }

        SqliteConnection.ClearAllPools();
        var raw = new List<byte>();
        foreach (var file in new[] { Factory.DatabasePath, Factory.DatabasePath + "-wal" }.Where(File.Exists))
        {
            raw.AddRange(await File.ReadAllBytesAsync(file));
        }

        Assert.True(raw.Count > 0);
        var bytes = raw.ToArray();
        Assert.False(Contains(bytes, Encoding.UTF8.GetBytes(Canary)), "secret found in the database file (UTF-8)");
        Assert.False(Contains(bytes, Encoding.Unicode.GetBytes(Canary)), "secret found in the database file (UTF-16)");
        Assert.False(
            Contains(bytes, Encoding.UTF8.GetBytes(Convert.ToBase64String(Encoding.UTF8.GetBytes($"agent@acme.com/token:{Canary}")))),
            "Basic header found in the database file");

        var logs = Factory.AllLogText();
        Assert.NotEmpty(Factory.Logs.GetSnapshot());
        Assert.DoesNotContain(Canary, logs);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes($"agent@acme.com/token:{Canary}")), logs);
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
