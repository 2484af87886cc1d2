using System.Diagnostics;
using AgentHub.Core.CallLog;
using AgentHub.Core.Data;
using AgentHub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentHub.Tests.Web.Api;

public sealed class TestAllAndCallLogTests : ApiTestBase
{
    protected override AgentHubFactory CreateFactory(FakeProviderServer providers) => new(providers, new Dictionary<string, string?>
    {
        ["CallLog:MaxRowsPerConnection"] = "5",
        ["CallLog:RetentionDays"] = "7",
    });

    [Fact]
    public async Task TestAll_RunsEveryCheckConcurrently_TakingAboutTheSlowestNotTheSum()
    {
        foreach (var fake in FakeProviders.All)
        {
            await ReadJsonAsync(await ConfigureAsync(ProviderChecksFixture.AgentFor(fake.Id), fake.Id, fake.Valid), 200);
        }

        Providers.Delay = _ => TimeSpan.FromMilliseconds(400);
        var stopwatch = Stopwatch.StartNew();
        var json = await ReadJsonAsync(await Client.PostAsync("/api/workspace/test-all", null), 200);
        stopwatch.Stop();

        Assert.Equal(23, (int)json["tested"]!);
        Assert.All(json["results"]!.AsArray(), r => Assert.Equal("ok", (string)r!["outcome"]!["reason"]!));
        // Run one after another, 23 checks of 400 ms would take 9.2 s.
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(3), $"test-all took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task EveryCall_IsRecordedWithoutItsQuery_AndUsageCountsErrors()
    {
        var semrush = FakeProviders.Get("semrush");
        await ReadJsonAsync(await ConfigureAsync("seomi", "semrush", semrush.Valid), 200);
        await ReadJsonAsync(await ConnectAsync("seomi", "semrush"), 200);
        await ReadJsonAsync(await ConfigureAsync("seomi", "semrush", semrush.WithWrongSecret()), 200);
        await ReadJsonAsync(await ConnectAsync("seomi", "semrush"), 200);

        var log = await GetJsonAsync("/api/integrations/seomi/semrush/calls");

        var calls = log["calls"]!.AsArray();
        Assert.Equal(2, calls.Count);
        Assert.Equal("auth_invalid", (string)calls[0]!["reason"]!);
        Assert.Equal("ok", (string)calls[1]!["reason"]!);
        Assert.All(calls, c =>
        {
            Assert.Equal("GET", (string)c!["method"]!);
            Assert.Equal("/semrush/users/countapiunits.html", (string)c["path"]!);
            Assert.Equal(new Uri(Providers.BaseUrl).Authority, (string)c["host"]!);
            Assert.Equal(200, (int)c["status_code"]!);
        });
        Assert.Equal(2, (int)log["usage"]!["calls24h"]!);
        Assert.Equal(1, (int)log["usage"]!["errors24h"]!);
        Assert.Equal(0.5, (double)log["usage"]!["error_rate24h"]!);
        Assert.DoesNotContain("semrush-valid-key", log.ToJsonString());
        Assert.DoesNotContain("semrush-wrong-key", log.ToJsonString());
    }

    [Fact]
    public async Task TheRetentionSweep_KeepsTheCallLogBounded()
    {
        var factory = Factory.Services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            var now = DateTime.UtcNow;
            for (var i = 0; i < 12; i++)
            {
                db.ProviderCalls.Add(Call(Owner.WorkspaceId, "hubspot", now.AddMinutes(-i)));
            }

            db.ProviderCalls.Add(Call(Owner.WorkspaceId, "jasper", now.AddDays(-8)));
            db.ProviderCalls.Add(Call(Owner.WorkspaceId, "jasper", now.AddDays(-1)));
            await db.SaveChangesAsync();
        }

        var deleted = await Factory.Services.GetRequiredService<CallLogService>().SweepAsync();

        await using var check = await factory.CreateDbContextAsync();
        Assert.Equal(8, deleted);
        Assert.Equal(5, await check.ProviderCalls.CountAsync(c => c.ProviderId == "hubspot"));
        var newestKept = await check.ProviderCalls.Where(c => c.ProviderId == "hubspot").MaxAsync(c => c.CreatedAt);
        Assert.True(newestKept > DateTime.UtcNow.AddMinutes(-1));
        Assert.Equal(1, await check.ProviderCalls.CountAsync(c => c.ProviderId == "jasper"));
    }

    private static ProviderCall Call(Guid workspaceId, string providerId, DateTime at) => new()
    {
        WorkspaceId = workspaceId,
        ProviderId = providerId,
        Method = "GET",
        Host = "example.test",
        Path = "/",
        StatusCode = 200,
        CreatedAt = at,
    };
}
