using System.Net;
using AgentHub.Tests.Infrastructure;

namespace AgentHub.Tests.Web.Api;

public sealed class DiagnosticsTests : ApiTestBase
{
    [Theory]
    [InlineData("GET", "/_diagnostics/ping")]
    [InlineData("GET", "/_diagnostics/memory")]
    [InlineData("GET", "/_diagnostics/sql-commands")]
    [InlineData("POST", "/_diagnostics/sweep")]
    public async Task TheBenchmarkHooks_DoNotExist_UnlessTurnedOn(string method, string path)
    {
        using var response = await WorkspaceIsolationTests.Send(Client, method, path);

        // No such endpoint: 404, or 405 where a page route answers GET only.
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed });
    }
}
