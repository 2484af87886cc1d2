using System.Net.Http.Json;
using System.Text;
using AgentHub.Tests.Infrastructure;

namespace AgentHub.Tests.Web.Api;

/// <summary>
/// A null or missing field where the API expects a value is a 400 ProblemDetails naming the field (401 for sign-in),
/// never a 500: the 29 inputs the second outside review's sweep found answering 500.
/// </summary>
public sealed class NullFieldTests : ApiTestBase
{
    protected override bool SharesHost => true;

    public static TheoryData<string, string> IdentityBodies => new()
    {
        { "/api/auth/register", """{"email": null, "password": "correct-horse-42"}""" },
        { "/api/auth/register", """{"email": "someone@acme.test", "password": null}""" },
        { "/api/auth/resendConfirmationEmail", """{"email": null}""" },
        { "/api/auth/forgotPassword", """{"email": null}""" },
        { "/api/auth/resetPassword", """{"email": null, "resetCode": "abc", "newPassword": "correct-horse-42"}""" },
        { "/api/auth/resetPassword", """{"email": "someone@acme.test", "resetCode": null, "newPassword": "correct-horse-42"}""" },
        { "/api/auth/resetPassword", """{"email": "someone@acme.test", "resetCode": "abc", "newPassword": null}""" },
    };

    [Theory]
    [MemberData(nameof(IdentityBodies))]
    public async Task IdentityEndpoints_AnswerA400Problem_ForANullField(string path, string body)
    {
        using var anonymous = Factory.CreateClient();
        using var response = await anonymous.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await ReadProblemAsync(response, 400);
        Assert.NotEmpty(problem["errors"]!.AsObject());
    }

    [Theory]
    [InlineData("""{"email": null, "password": "correct-horse-42"}""")]
    [InlineData("""{"email": "owner@acme.test", "password": null}""")]
    public async Task SignIn_AnswersTheUniform401_ForANullField(string body)
    {
        using var anonymous = Factory.CreateClient();
        using var response = await anonymous.PostAsync("/api/auth/login", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await ReadProblemAsync(response, 401);
        Assert.Equal("Failed", (string)problem["detail"]!);
    }

    [Theory]
    [InlineData("""{"email": "new@acme.test", "role": null}""")]
    [InlineData("""{"email": "new@acme.test"}""")]
    public async Task Invite_AnswersA400OnTheRoleField_ForAMissingRole_OnBothRouteForms(string body)
    {
        foreach (var path in new[] { "/api/workspace/invitations", $"/api/workspaces/{Owner.WorkspaceId}/invitations" })
        {
            using var response = await Client.PostAsync(path, new StringContent(body.Replace("new@", $"new+{TestKey}@", StringComparison.Ordinal), Encoding.UTF8, "application/json"));
            var problem = await ReadProblemAsync(response, 400);
            Assert.NotNull(problem["errors"]!["role"]);
        }
    }

    [Theory]
    [InlineData("""{"role": null}""")]
    [InlineData("""{}""")]
    public async Task ChangeRole_AnswersA400OnTheRoleField_ForAMissingRole_OnBothRouteForms(string body)
    {
        var member = await InviteAsync("member@acme.test", "member");
        var id = await MemberIdAsync(member.Email);
        foreach (var path in new[] { $"/api/workspace/members/{id}/role", $"/api/workspaces/{Owner.WorkspaceId}/members/{id}/role" })
        {
            using var response = await Client.PutAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
            var problem = await ReadProblemAsync(response, 400);
            Assert.NotNull(problem["errors"]!["role"]);
        }

        Assert.Contains("member", (await GetJsonAsync("/api/workspace")).ToJsonString());
    }
}
