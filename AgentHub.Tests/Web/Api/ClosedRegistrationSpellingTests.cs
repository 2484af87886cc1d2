using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using AgentHub.Core.Accounts;
using AgentHub.Core.Data;
using AgentHub.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentHub.Tests.Web.Api;

/// <summary>Finding 1: with registration closed, no spelling of any route creates an uninvited account.</summary>
public sealed partial class ClosedRegistrationSpellingTests : ApiTestBase
{
    protected override bool SharesHost => true;

    protected override AgentHubFactory CreateFactory(FakeProviderServer providers) => new(providers, new Dictionary<string, string?>
    {
        ["Auth:AllowRegistration"] = "false",
        ["Auth:BootstrapAdmin:Email"] = "owner@acme.test",
        ["Auth:BootstrapAdmin:Password"] = AgentHubFactory.Password,
    });

    protected override Task<TestUser> CreateOwnerAsync() => Factory.SignInAsync("owner@acme.test");

    public static TheoryData<string> Spellings =>
    [
        "/api/auth/register",
        "/api/auth/register/",
        "/api/auth/REGISTER",
        "/api/auth/REGISTER/",
        "/api/auth/Register/",
        "/api//auth/register",
        "/api/auth//register",
        "//api/auth/register",
        "/api/auth/%72egister",
        "/api/auth/regist%65r/",
        "/api/%61uth/register",
        "/API/AUTH/REGISTER",
    ];

    [Theory]
    [MemberData(nameof(Spellings))]
    public async Task NoSpellingOfTheRegisterRoute_CreatesAnAccount(string path)
    {
        using var anonymous = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var before = await CountAsync();

        using var request = new HttpRequestMessage(
            HttpMethod.Post,
            "/")
        { Content = JsonContent.Create(new { email = "sneaky@evil.test", password = AgentHubFactory.Password }) };
        // Set the raw path after construction, so the client sends exactly these bytes (no normalisation).
        request.RequestUri = new Uri(Factory.Server.BaseAddress, new Uri(path, UriKind.Relative));
        using var response = await anonymous.SendAsync(request);

        Assert.False(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
        Assert.Equal(before, await CountAsync());
        if (response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed))
        {
            var problem = await ReadProblemAsync(response, 403);
            Assert.Equal("Registration is closed", (string)problem["title"]!);
        }
    }

    [Fact]
    public async Task TheUserManagerItself_RefusesAnAccountWithoutAWorkspace_ButTheBootstrapOwnerAndInvitationsWork()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AgentHubUser>>();

        var refused = await users.CreateAsync(new AgentHubUser { UserName = "direct@evil.test", Email = "direct@evil.test" }, AgentHubFactory.Password);

        Assert.False(refused.Succeeded);
        Assert.Equal(AgentHubUserManager.RegistrationClosedCode, Assert.Single(refused.Errors).Code);
        Assert.Null(await users.FindByEmailAsync("direct@evil.test"));
        Assert.Equal("owner", (string)(await GetJsonAsync("/api/workspace"))["your_role"]!);
        var invited = await InviteAsync("invited@acme.test", "member");
        Assert.Equal(Owner.WorkspaceId, invited.WorkspaceId);
    }

    [Fact]
    public async Task TheRegisterPage_CannotCreateAnAccount_EvenWhenPostedDirectly()
    {
        using var browser = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var page = await browser.GetStringAsync("/Account/Register");
        var token = AntiforgeryToken().Match(page);
        var before = await CountAsync();

        using var post = await browser.PostAsync("/Account/Register/", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "register",
            ["__RequestVerificationToken"] = token.Success ? token.Groups[1].Value : "",
            ["Input.Email"] = "page@evil.test",
            ["Input.Password"] = AgentHubFactory.Password,
            ["Input.ConfirmPassword"] = AgentHubFactory.Password,
        }));

        Assert.Equal(before, await CountAsync());
    }

    private async Task<int> CountAsync()
    {
        await using var db = await Factory.Services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>().CreateDbContextAsync();
        return await db.Users.CountAsync() + await db.Workspaces.CountAsync();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    internal static partial Regex AntiforgeryToken();
}
