using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentHub.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace AgentHub.Tests.EndToEnd;

/// <summary>
/// Refresh across instances: two app processes on one SQLite file make one refresh between them, and a process killed
/// between the token response and its save leaves the stored tokens as they were, so another instance refreshes with
/// the refresh token the provider still honours once the dead process's lease has expired.
/// </summary>
public sealed class OAuthInstancesTests : IAsyncLifetime
{
    private FakeProviderServer _providers = null!;
    private AppServer _first = null!;
    private AppServer _second = null!;

    public async Task InitializeAsync()
    {
        _providers = await FakeProviderServer.StartAsync();
        var settings = _providers.OAuth.ClientSettings().ToDictionary(kv => kv.Key, kv => kv.Value!);
        settings["OAuth:RefreshLease"] = "00:00:03"; // a dead holder's lease expires quickly in this test
        settings["RateLimits:ConnectionTests:PermitLimit"] = "1000";
        settings["Logging:LogLevel:AgentHub.Core.OAuth.OAuthRefreshJob"] = "Information"; // each pass logs a line
        _first = await AppServer.StartAsync(_providers, settings);
        _second = await AppServer.StartAsync(_providers, settings, databasePath: _first.DatabasePath);
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
        await _providers.DisposeAsync();
    }

    /// <summary>Registers the owner through the first instance; bearer clients for both, and a browser for the callback.</summary>
    private async Task<(HttpClient First, HttpClient Second, HttpClient Browser)> SignInAsync(string email)
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri(_first.BaseUrl) };
        (await anonymous.PostAsJsonAsync("/api/auth/register", new { email, password = AgentHubFactory.Password })).EnsureSuccessStatusCode();
        var login = await (await anonymous.PostAsJsonAsync("/api/auth/login", new { email, password = AgentHubFactory.Password })).Content.ReadFromJsonAsync<JsonObject>();
        HttpClient Bearer(string baseUrl) => new() { BaseAddress = new Uri(baseUrl), DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", (string)login!["accessToken"]!) } };
        var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(_first.BaseUrl) };
        (await browser.PostAsJsonAsync("/api/auth/login?useCookies=true", new { email, password = AgentHubFactory.Password })).EnsureSuccessStatusCode();
        return (Bearer(_first.BaseUrl), Bearer(_second.BaseUrl), browser);
    }

    private async Task<T> SqlAsync<T>(string sql, string provider)
    {
        await using var db = new SqliteConnection($"Data Source={_first.DatabasePath}");
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$provider", provider);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private Task ExpireAsync(string provider) => SqlAsync<long>(
        "UPDATE Connections SET AccessTokenExpiresAt = strftime('%Y-%m-%d %H:%M:%f', 'now', '-1 minute') WHERE ProviderId = $provider; SELECT changes();", provider);

    private static async Task<string> TestAsync(HttpClient client, string agent, string provider)
    {
        using var response = await client.PostAsync($"/api/integrations/{agent}/{provider}/connect", null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {body}");
        return (string)JsonNode.Parse(body)!["outcome"]!["reason"]!;
    }

    [Fact]
    public async Task TwoProcessesOnOneDatabase_RunTheBackgroundRefreshPassOnce()
    {
        // Each instance runs a pass as it starts; the pass's lease (held for the whole interval) lets only one run.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!Ran(_first) && !Ran(_second) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        await Task.Delay(1000); // time for the other instance's pass, were it to run one
        Assert.True(Ran(_first) ^ Ran(_second), $"first ran: {Ran(_first)}, second ran: {Ran(_second)}");
        Assert.Equal(1L, await SqlAsync<long>("SELECT COUNT(*) FROM Leases WHERE Name = 'job:oauth-refresh'", ""));

        static bool Ran(AppServer app) => app.Output.Contains("OAuth refresh pass", StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoProcessesOnOneDatabase_MakeExactlyOneRefresh()
    {
        var (first, second, browser) = await SignInAsync("instances@e2e.test");
        Assert.EndsWith("?oauth=connected", await OAuthTestFlow.ConnectAsync(first, browser, "buddy", "hubspot"));
        await ExpireAsync("hubspot");

        var reasons = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => TestAsync(i % 2 == 0 ? first : second, "buddy", "hubspot")));

        Assert.All(reasons, r => Assert.Equal("ok", r));
        Assert.Equal(1, _providers.OAuth.Refreshes("hubspot"));
    }

    [Fact]
    public async Task AProcessKilledBetweenTheTokenResponseAndTheSave_LosesNothingTheProviderStillHonours()
    {
        var (first, second, browser) = await SignInAsync("killed@e2e.test");
        Assert.EndsWith("?oauth=connected", await OAuthTestFlow.ConnectAsync(first, browser, "dexter", "google_analytics"));
        var stored = await SqlAsync<string>("SELECT ProtectedSecrets FROM Connections WHERE ProviderId = $provider", "google_analytics");
        await ExpireAsync("google_analytics");

        // When the first instance's refresh reaches the provider, the test takes the database's write lock: the token
        // response goes out, and the first instance's save waits behind the lock, where the process is killed.
        await using var blocker = new SqliteConnection($"Data Source={_first.DatabasePath}");
        var answered = new TaskCompletionSource();
        _providers.OAuth.BeforeRefreshAnswer = async _ =>
        {
            _providers.OAuth.BeforeRefreshAnswer = null;
            await blocker.OpenAsync();
            await using var begin = blocker.CreateCommand();
            begin.CommandText = "BEGIN IMMEDIATE";
            await begin.ExecuteNonQueryAsync();
            answered.SetResult();
        };
        var dying = TestAsync(first, "dexter", "google_analytics");
        await answered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(1500); // the response is received; the save is waiting for the lock (busy_timeout 5 s)
        await _first.KillAsync();
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => dying);
        await using (var rollback = blocker.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync();
        }

        // Nothing was half-written: the old tokens are stored, and the dead instance's lease is still there.
        Assert.Equal(stored, await SqlAsync<string>("SELECT ProtectedSecrets FROM Connections WHERE ProviderId = $provider", "google_analytics"));
        Assert.Equal(1L, await SqlAsync<long>("SELECT COUNT(*) FROM Leases WHERE Name LIKE 'oauth-refresh:%'", "google_analytics"));
        Assert.Equal(1, _providers.OAuth.Refreshes("google_analytics"));

        // The other instance waits out the lease, re-reads, and refreshes with the refresh token Google still honours.
        Assert.Equal("ok", await TestAsync(second, "dexter", "google_analytics"));
        Assert.Equal(2, _providers.OAuth.Refreshes("google_analytics"));
        Assert.NotEqual(stored, await SqlAsync<string>("SELECT ProtectedSecrets FROM Connections WHERE ProviderId = $provider", "google_analytics"));
    }
}
