using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AgentHub.Core.OAuth;
using AgentHub.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace AgentHub.Tests.Web.Api;

/// <summary>
/// Silent refresh in one app: single-flight under 20 concurrent uses, rotation saved, invalid_grant leading to
/// reauthorization_required, one refresh and one retry on a 401, Meta's missing refresh token, a passing failure with
/// backoff, and the background job's lease and daily touch.
/// </summary>
public sealed class OAuthRefreshTests : ApiTestBase
{
    protected override bool SharesHost => true;

    protected override AgentHubFactory CreateFactory(FakeProviderServer providers) => WithOAuthApps(providers);

    private async Task ConnectWithOAuthAsync(string agent, string provider)
    {
        using var browser = await CookieBrowserAsync();
        Assert.EndsWith("?oauth=connected", await OAuthTestFlow.ConnectAsync(Client, browser, agent, provider));
    }

    private async Task<int> SqlAsync(string sql, string provider)
    {
        await using var db = new SqliteConnection($"Data Source={Factory.DatabasePath}");
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$ws", Owner.WorkspaceId.ToString().ToUpperInvariant());
        command.Parameters.AddWithValue("$provider", provider);
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>As if the hour had passed: the stored access token expired a minute ago.</summary>
    private async Task ExpireAsync(string provider) => Assert.Equal(1, await SqlAsync(
        "UPDATE Connections SET AccessTokenExpiresAt = strftime('%Y-%m-%d %H:%M:%f', 'now', '-1 minute') WHERE WorkspaceId = $ws AND ProviderId = $provider", provider));

    private async Task<JsonNode> TestAsync(string agent, string provider)
    {
        using var response = await ConnectAsync(agent, provider);
        return await ReadJsonAsync(response, 200);
    }

    [Fact]
    public async Task TwentyConcurrentTestsOfAnExpiredConnection_MakeExactlyOneRefresh()
    {
        await ConnectWithOAuthAsync("buddy", "hubspot");
        await ExpireAsync("hubspot");

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => TestAsync("buddy", "hubspot")));

        Assert.All(results, r => Assert.Equal("ok", (string)r["outcome"]!["reason"]!));
        Assert.Equal(1, Providers.OAuth.Refreshes("hubspot"));
        var view = await GetJsonAsync("/api/integrations/buddy/hubspot");
        Assert.True(DateTime.Parse((string)view["expires_at"]!, System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime() > DateTime.UtcNow.AddMinutes(30));
    }

    [Fact]
    public async Task ARotatedRefreshToken_IsSavedWithTheNewAccessToken_SoTheNextRefreshWorks()
    {
        await ConnectWithOAuthAsync("buddy", "hubspot");
        await ExpireAsync("hubspot");
        Assert.Equal("ok", (string)(await TestAsync("buddy", "hubspot"))["outcome"]!["reason"]!);

        // HubSpot rotated the refresh token and the old one died: a second refresh works only with the saved new one.
        await ExpireAsync("hubspot");
        Assert.Equal("ok", (string)(await TestAsync("buddy", "hubspot"))["outcome"]!["reason"]!);
        Assert.Equal([true, true], Providers.OAuth.TokenRequests.Where(r => r.GrantType == "refresh_token").Select(r => r.Succeeded));
    }

    [Fact]
    public async Task InvalidGrant_SetsReauthorizationRequired_AndReconnectingRepairsTheSameConnection()
    {
        await ConnectWithOAuthAsync("emmie", "mailchimp");
        Providers.OAuth.RevokeRefreshTokens("mailchimp");
        await ExpireAsync("mailchimp");

        var result = await TestAsync("emmie", "mailchimp");
        Assert.Equal("reauthorization_required", (string)result["outcome"]!["reason"]!);
        var view = await GetJsonAsync("/api/integrations/emmie/mailchimp");
        Assert.Equal("error", (string)view["status"]!);
        Assert.Equal("reauthorization_required", (string)view["status_reason"]!);
        Assert.Contains("Reconnect with Mailchimp", (string)view["status_message"]!);

        // Testing again makes no further token request: only a new authorization helps.
        await TestAsync("emmie", "mailchimp");
        Assert.Equal(1, Providers.OAuth.Refreshes("mailchimp"));

        // "Reconnect with Mailchimp" re-authorizes the same connection in place.
        var id = (string)view["version"]!;
        await ConnectWithOAuthAsync("emmie", "mailchimp");
        var repaired = await GetJsonAsync("/api/integrations/emmie/mailchimp");
        Assert.Equal("connected", (string)repaired["status"]!);
        Assert.NotEqual(id, (string)repaired["version"]!);
    }

    [Fact]
    public async Task A401FromTheProvider_RefreshesOnce_AndRetriesOnce()
    {
        await ConnectWithOAuthAsync("seomi", "google_search_console");
        // The provider revoked the access token before its expiry.
        Providers.OAuth.RevokeAccessToken(Assert.Single(Providers.OAuth.AccessTokensOf("google_search_console")));
        var checksBefore = Providers.RequestsFor("google_search_console").Count(r => r.Path == FakeProviders.Get("google_search_console").Path);

        var result = await TestAsync("seomi", "google_search_console");

        Assert.Equal("ok", (string)result["outcome"]!["reason"]!);
        Assert.Equal(1, Providers.OAuth.Refreshes("google_search_console"));
        Assert.Equal(checksBefore + 2, Providers.RequestsFor("google_search_console").Count(r => r.Path == FakeProviders.Get("google_search_console").Path));
    }

    [Fact]
    public async Task A401OnAWrite_RefreshesTheToken_ButNeverSendsTheWriteAgain()
    {
        await ConnectWithOAuthAsync("buddy", "hubspot");
        Providers.OAuth.RevokeAccessToken(Providers.OAuth.LastAccessTokenOf("hubspot")!);
        var write = FakeActions.All.Single(a => a.Tool == "hubspot_create_contact");
        var actions = Factory.Services.GetRequiredService<AgentHub.Core.Actions.ConnectionActionService>();
        var catalog = Factory.Services.GetRequiredService<AgentHub.Core.Catalog.IIntegrationCatalog>();

        var outcome = await actions.InvokeAsync(Owner.WorkspaceId, catalog.FindTool(write.Tool)!, write.ArgumentsObject, "approval-1", CancellationToken.None);

        Assert.False(outcome.Succeeded);
        Assert.Single(Providers.RequestsFor("hubspot"), r => r.Method == "POST" && r.Path == "/crm/v3/objects/contacts");
        Assert.Equal(1, Providers.OAuth.Refreshes("hubspot")); // the token is fresh for the next call
    }

    [Fact]
    public async Task MetaGivesNoRefreshToken_SoAnExpiredTokenNeedsReauthorization_WithoutATokenRequest()
    {
        await ConnectWithOAuthAsync("soshie", "instagram");
        await ExpireAsync("instagram");

        var result = await TestAsync("soshie", "instagram");

        Assert.Equal("reauthorization_required", (string)result["outcome"]!["reason"]!);
        Assert.Equal(0, Providers.OAuth.Refreshes("instagram"));
    }

    [Fact]
    public async Task APassingRefreshFailure_KeepsTheStatus_AndSchedulesARetryWithBackoff()
    {
        await ConnectWithOAuthAsync("buddy", "salesforce");
        await ExpireAsync("salesforce");
        Providers.OAuth.RefreshUnavailable = true;

        var statusBefore = (string)(await GetJsonAsync("/api/integrations/buddy/salesforce"))["status"]!;
        var result = await TestAsync("buddy", "salesforce");

        // The expired token is not tried, the status is kept, and the caller hears why.
        Assert.Equal("unreachable", (string)result["outcome"]!["reason"]!);
        Assert.Contains("could not renew", (string)result["outcome"]!["message"]!);
        Assert.Equal(statusBefore, (string)result["integration"]!["status"]!);
        Assert.Equal(1, Providers.OAuth.Refreshes("salesforce"));
        await using var db = new SqliteConnection($"Data Source={Factory.DatabasePath}");
        await db.OpenAsync();
        await using var read = db.CreateCommand();
        read.CommandText = "SELECT RefreshFailures, NextRefreshAttemptAt, Status FROM Connections WHERE WorkspaceId = $ws AND ProviderId = 'salesforce'";
        read.Parameters.AddWithValue("$ws", Owner.WorkspaceId.ToString().ToUpperInvariant());
        await using var row = await read.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync());
        Assert.Equal(1, row.GetInt32(0));
        var retryAt = DateTime.Parse(row.GetString(1), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAt, DateTime.UtcNow.AddSeconds(30), DateTime.UtcNow.AddMinutes(3)); // about a minute, with jitter
        Assert.NotEqual("error", row.GetString(2));
    }

    [Fact]
    public async Task TheBackgroundJob_RefreshesExpiringAndIdleTokens_OnlyWhileItHoldsTheLease()
    {
        await ConnectWithOAuthAsync("dexter", "google_analytics");
        await ConnectWithOAuthAsync("buddy", "pipedrive");
        await ExpireAsync("google_analytics");
        // Pipedrive's token is fresh, but was last refreshed a day ago: the job touches it so the refresh token stays alive.
        await SqlAsync("UPDATE Connections SET TokensRefreshedAt = strftime('%Y-%m-%d %H:%M:%f', 'now', '-1 day') WHERE WorkspaceId = $ws AND ProviderId = $provider", "pipedrive");
        var job = Factory.Services.GetRequiredService<OAuthRefreshJob>();
        var runner = Factory.Services.GetRequiredService<AgentHub.Core.Background.RecurringJobRunner>();
        var lease = AgentHub.Core.Background.RecurringJobRunner.LeaseName(job.Name);

        // Another instance holds the pass: this one does nothing.
        await SqlAsync(
            $"INSERT INTO Leases (Name, Owner, ExpiresAt) VALUES ('{lease}', 'other-instance', strftime('%Y-%m-%d %H:%M:%f', 'now', '+5 minutes')) " +
            "ON CONFLICT(Name) DO UPDATE SET Owner = excluded.Owner, ExpiresAt = excluded.ExpiresAt", "");
        Assert.False(await runner.RunOnceAsync(job));
        Assert.Equal(0, Providers.OAuth.Refreshes("google_analytics") + Providers.OAuth.Refreshes("pipedrive"));

        // Its lease expired: this instance takes the pass.
        await SqlAsync($"UPDATE Leases SET ExpiresAt = strftime('%Y-%m-%d %H:%M:%f', 'now', '-1 second') WHERE Name = '{lease}'", "");
        Assert.True(await runner.RunOnceAsync(job));
        Assert.Equal(1, Providers.OAuth.Refreshes("google_analytics"));
        Assert.Equal(1, Providers.OAuth.Refreshes("pipedrive"));
        await SqlAsync($"DELETE FROM Leases WHERE Name = '{lease}'", "");
    }
}
