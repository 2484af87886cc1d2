using System.Net;
using System.Net.Http.Json;
using AgentHub.Core.Data;
using AgentHub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentHub.Tests.Web.Api;

/// <summary>Finding 4: two owners demoting each other at the same moment leave one owner, never zero.</summary>
public sealed class LastOwnerRaceTests : ApiTestBase
{
    [Fact]
    public async Task TwoOwnersDemotingEachOther_AtTheSameMoment_LeaveExactlyOneOwner()
    {
        var second = await InviteAsync("second@acme.test", "owner");
        var firstId = await MemberIdAsync(Owner.Email);
        var secondId = await MemberIdAsync(second.Email);

        for (var round = 0; round < 10; round++)
        {
            using var start = new SemaphoreSlim(0, 2);
            async Task<HttpStatusCode> Demote(HttpClient client, string userId)
            {
                await start.WaitAsync();
                using var response = await client.PutAsJsonAsync($"/api/workspace/members/{userId}/role", new { role = "member" });
                return response.StatusCode;
            }

            var first = Demote(Owner.Client, secondId);
            var other = Demote(second.Client, firstId);
            start.Release(2);
            var statuses = await Task.WhenAll(first, other);

            // The loser is refused either way: 409 (the last-owner rule) or 403 (it was already demoted when it asked).
            Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.NoContent));
            Assert.Equal(1, statuses.Count(s => s is HttpStatusCode.Conflict or HttpStatusCode.Forbidden));
            await using (var db = await Factory.Services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>().CreateDbContextAsync())
            {
                Assert.Equal(1, await db.Users.CountAsync(u => u.WorkspaceId == Owner.WorkspaceId && u.Role == AgentHub.Core.Workspaces.WorkspaceRole.Owner));
            }

            // Whoever is still the owner promotes the other back for the next round.
            var winner = statuses[0] == HttpStatusCode.NoContent ? Owner.Client : second.Client;
            var loserId = statuses[0] == HttpStatusCode.NoContent ? secondId : firstId;
            using var restored = await winner.PutAsJsonAsync($"/api/workspace/members/{loserId}/role", new { role = "owner" });
            Assert.Equal(HttpStatusCode.NoContent, restored.StatusCode);
        }
    }

    [Fact]
    public async Task AnOwnerDemotedAMomentAgo_CannotChangeRoles()
    {
        var second = await InviteAsync("second@acme.test", "owner");
        var member = await InviteAsync("member@acme.test", "member");
        var secondId = await MemberIdAsync(second.Email);
        var memberId = await MemberIdAsync(member.Email);

        using (var demoted = await Client.PutAsJsonAsync($"/api/workspace/members/{secondId}/role", new { role = "member" }))
        {
            Assert.Equal(HttpStatusCode.NoContent, demoted.StatusCode);
        }

        await ReadProblemAsync(await second.Client.PutAsJsonAsync($"/api/workspace/members/{memberId}/role", new { role = "owner" }), 403);
        Assert.Equal("member", (string)(await GetJsonAsync("/api/workspace"))["members"]!.AsArray().Single(m => (string)m!["user_id"]! == memberId)!["role"]!);
    }
}
