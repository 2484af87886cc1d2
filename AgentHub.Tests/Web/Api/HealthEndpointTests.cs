using System.Net;
using AgentHub.Core.Data;
using AgentHub.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentHub.Tests.Web.Api;

/// <summary>/healthz (liveness, no dependencies) and /readyz (database, migrations, key ring), anonymous and terse.</summary>
public sealed class HealthEndpointTests : ApiTestBase
{
    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task AHealthyApp_AnswersHealthy_ToAnonymousCallers_AndSaysNothingElse(string path)
    {
        using var anonymous = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await anonymous.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        Assert.False(response.Headers.Contains("X-Powered-By"));
    }

    [Fact]
    public async Task PendingMigrations_MakeTheAppNotReady_ButStillAlive()
    {
        await using (var db = await Db())
        {
            var last = await db.Database.SqlQueryRaw<string>("""SELECT "MigrationId" AS "Value" FROM "__EFMigrationsHistory" ORDER BY "MigrationId" DESC LIMIT 1""").SingleAsync();
            await db.Database.ExecuteSqlRawAsync("""DELETE FROM "__EFMigrationsHistory" WHERE "MigrationId" = {0}""", last);
        }

        using var anonymous = Factory.CreateClient();
        using var ready = await anonymous.GetAsync("/readyz");
        using var alive = await anonymous.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Contains("migrations are pending", Factory.AllLogText());
    }

    [Fact]
    public async Task AKeyRingThatCannotBeDecrypted_MakesTheAppNotReady_WithoutSayingWhy()
    {
        await ReadJsonAsync(await ConfigureAsync("buddy", "hubspot", FakeProviders.Get("hubspot").Valid), 200);
        await using (var db = await Db())
        {
            // What a lost or replaced key ring certificate looks like: the encrypted master key no longer decrypts.
            var key = await db.DataProtectionKeys.FirstAsync();
            key.Xml = System.Text.RegularExpressions.Regex.Replace(key.Xml!, "<CipherValue>[^<]+</CipherValue>", "<CipherValue>AAAA</CipherValue>");
            await db.SaveChangesAsync();
        }

        using var anonymous = Factory.CreateClient();
        using var ready = await anonymous.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync());
    }

    private Task<AgentHubDbContext> Db() => Factory.Services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>().CreateDbContextAsync();
}
