using System.Net.Http.Json;
using AgentHub.Tests.Infrastructure;

namespace AgentHub.Tests.Web.Api;

public sealed class ClosedRegistrationTests : ApiTestBase
{
    protected override AgentHubFactory CreateFactory(FakeProviderServer providers) => new(providers, new Dictionary<string, string?>
    {
        ["Auth:AllowRegistration"] = "false",
        ["Auth:BootstrapAdmin:Email"] = "owner@acme.test",
        ["Auth:BootstrapAdmin:Password"] = AgentHubFactory.Password,
    });

    protected override Task<TestUser> CreateOwnerAsync() => Factory.SignInAsync("owner@acme.test");

    [Fact]
    public async Task RegistrationTurnedOff_RefusesNewAccounts_ButTheBootstrapAdminAndInvitationsWork()
    {
        using var anonymous = Factory.CreateClient();
        var problem = await ReadProblemAsync(
            await anonymous.PostAsJsonAsync("/api/auth/register", new { email = "new@acme.test", password = AgentHubFactory.Password }),
            403);
        Assert.Equal("Registration is closed", (string)problem["title"]!);

        var page = await anonymous.GetStringAsync("/Account/Register");
        Assert.Contains("Registration is closed", page);

        // The configured admin owns a workspace and can invite.
        var workspace = await GetJsonAsync("/api/workspace");
        Assert.Equal("owner", (string)workspace["your_role"]!);
        var created = await ReadJsonAsync(
            await Client.PostAsJsonAsync("/api/workspace/invitations", new { email = "invited@acme.test", role = "member" }),
            201);
        var link = (string)created["link"]!;
        var invitationPage = await anonymous.GetStringAsync(link);
        Assert.Contains("Join your team", invitationPage);
        Assert.DoesNotContain("Registration is closed", invitationPage);
    }
}
