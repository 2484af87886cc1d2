using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AgentHub.Tests.Infrastructure;

namespace AgentHub.Tests.Web.Api;

/// <summary>
/// The OpenAPI document is true: a public linter (Redocly CLI, installed by scripts/test) finds no errors in it, and
/// every response of a walk through the API, errors included, has a status and media type the document declares for
/// its operation, and a body valid against the declared schema. Bodies are checked by the linter's own strict JSON
/// Schema validator: each real response is added to a copy of the document as an example of its response, and the
/// rule that examples must match their schema is an error (tools/openapi-lint/redocly.yaml).
/// </summary>
public sealed class OpenApiContractTests : ApiTestBase
{
    protected override bool SharesHost => true;

    private static readonly string LintFolder = Path.Combine(TestPaths.RepositoryRoot, "tools", "openapi-lint");
    private static readonly string Linter = Path.Combine(LintFolder, "node_modules", "@redocly", "cli", "bin", "cli.js");

    protected override AgentHubFactory CreateFactory(FakeProviderServer providers) => new(providers, new Dictionary<string, string?>
    {
        ["RateLimits:ConnectionTests:PermitLimit"] = "5",
        ["App:PublicBaseUrl"] = "https://hub.acme.test",
        ["Integrations:Providers:hubspot:OAuth:ClientId"] = "operator-client",
        ["Integrations:Providers:hubspot:OAuth:ClientSecret"] = "operator-secret",
    });

    [Fact]
    public async Task TheDocument_PassesThePublicLinter_WithNoErrors()
    {
        var document = await DocumentAsync();

        var report = await LintAsync(document.ToJsonString());

        Assert.True((int)report["totals"]!["errors"]! == 0, "linter errors: " + report["problems"]!.ToJsonString());
        Assert.Equal("https://hub.acme.test", (string)document["servers"]![0]!["url"]!);
    }

    [Fact]
    public async Task TheLinter_FindsTheProblemsTheDocumentHadBefore_SoItsVerdictCanFail()
    {
        var document = await DocumentAsync();
        document["components"]!.AsObject().Remove("securitySchemes");
        foreach (var (_, item) in document["paths"]!.AsObject())
        {
            foreach (var (_, operation) in item!.AsObject())
            {
                operation!.AsObject().Remove("security");
                if (operation["parameters"] is JsonArray parameters)
                {
                    foreach (var parameter in parameters.Where(p => (string?)p!["name"] == "workspace_id").ToList())
                    {
                        parameters.Remove(parameter);
                    }
                }
            }
        }

        var report = await LintAsync(document.ToJsonString());

        var rules = report["problems"]!.AsArray().Where(p => (string)p!["severity"]! == "error").Select(p => (string)p!["ruleId"]!).ToHashSet();
        Assert.Contains("security-defined", rules);
        Assert.Contains("path-parameters-defined", rules);
    }

    [Fact]
    public async Task EveryResponseOfAWalkThroughTheApi_MatchesTheDocument()
    {
        var document = await DocumentAsync();
        var failures = new List<string>();
        var recorded = new List<RecordedResponse>();
        async Task Check(HttpResponseMessage response)
        {
            using (response)
            {
                var (failure, record) = await MatchAsync(document, response);
                if (failure is not null)
                {
                    failures.Add(failure);
                }

                if (record is not null)
                {
                    recorded.Add(record);
                }
            }
        }

        using var anonymous = Factory.CreateClient();
        var hubspot = FakeProviders.Get("hubspot").Valid;
        var zendesk = FakeProviders.Get("zendesk").Valid;
        var workspace = Owner.WorkspaceId;

        // Integrations: reads (with nulls and nullable enums), writes, every error.
        await Check(await Client.GetAsync("/api/integrations/"));
        await Check(await Client.GetAsync("/api/integrations/soshie"));
        await Check(await Client.GetAsync("/api/integrations/cassie/zendesk"));
        await Check(await Client.GetAsync("/api/integrations/nobody"));
        await Check(await Client.GetAsync("/api/integrations/soshie/zendesk"));
        await Check(await ConnectAsync("cassie", "zendesk"));
        await Check(await ConfigureAsync("cassie", "zendesk", new Dictionary<string, string> { ["subdomain"] = "https://acme.zendesk.com" }));
        await Check(await Client.PostAsync("/api/integrations/cassie/zendesk/configure", new StringContent("{not json", Encoding.UTF8, "application/json")));
        await Check(await Client.PostAsync(
            "/api/integrations/cassie/zendesk/configure",
            new StringContent("{\"credentials\":{\"api_token\":\"" + new string('x', 70 * 1024) + "\"}}", Encoding.UTF8, "application/json")));
        await Check(await ConfigureAsync("cassie", "zendesk", zendesk));
        await Check(await ConnectAsync("cassie", "zendesk"));
        await Check(await ConfigureAsync("buddy", "hubspot", hubspot));
        Providers.SetMode("hubspot", FakeProviderMode.RateLimited);
        await Check(await ConnectAsync("buddy", "hubspot"));
        Providers.SetMode("hubspot", FakeProviderMode.Normal);
        await Check(await Client.GetAsync("/api/integrations/cassie/zendesk"));
        await Check(await Client.GetAsync("/api/integrations/cassie/zendesk/calls?take=5"));
        await Check(await Client.GetAsync("/api/integrations/cassie/zendesk/audit"));
        using (var stale = new HttpRequestMessage(HttpMethod.Post, "/api/integrations/cassie/zendesk/disconnect"))
        {
            stale.Headers.IfMatch.Add(new("\"00000000000000000000000000000000\""));
            await Check(await Client.SendAsync(stale));
        }

        await Check(await DisconnectAsync("cassie", "zendesk"));
        await Check(await Client.GetAsync("/api/audit?take=10"));

        // OAuth: start an authorization, its refusals, and the workspace's own apps.
        await Check(await Client.PostAsJsonAsync("/api/integrations/buddy/hubspot/authorize", new { settings = new { } }));
        await Check(await Client.PostAsJsonAsync("/api/integrations/cassie/zendesk/authorize", new { settings = new { subdomain = "https://acme" } }));
        await Check(await Client.PostAsJsonAsync("/api/integrations/cassie/zendesk/authorize", new { settings = new { subdomain = "acme" } }));
        await Check(await Client.PostAsJsonAsync("/api/integrations/cassie/freshdesk/authorize", new { settings = new { } }));
        await Check(await Client.GetAsync("/api/workspace/oauth-apps"));
        await Check(await Client.PutAsJsonAsync("/api/workspace/oauth-apps/zendesk", new { client_id = "", client_secret = "" }));
        await Check(await Client.PutAsJsonAsync("/api/workspace/oauth-apps/zendesk", new { client_id = "zd-client", client_secret = "zd-secret" }));
        await Check(await Client.DeleteAsync("/api/workspace/oauth-apps/zendesk"));
        await Check(await Client.PutAsJsonAsync("/api/workspace/oauth-apps/freshdesk", new { client_id = "x", client_secret = "y" }));

        // The same resources addressed by workspace: own (200) and foreign (404).
        await Check(await Client.GetAsync($"/api/workspaces/{workspace}/integrations/"));
        await Check(await Client.GetAsync($"/api/workspaces/{workspace}/integrations/buddy/hubspot"));
        await Check(await Client.GetAsync($"/api/workspaces/{Guid.NewGuid()}/integrations/buddy/hubspot"));
        await Check(await Client.GetAsync($"/api/workspaces/{workspace}/"));
        await Check(await Client.GetAsync($"/api/workspaces/{workspace}/audit"));

        // The workspace: invitations, roles, test-all.
        await Check(await Client.GetAsync("/api/workspace"));
        await Check(await Client.PostAsJsonAsync("/api/workspace/invitations", new { email = "not an email", role = "member" }));
        var member = await InviteAsync("member@acme.test", "member");
        var memberId = await MemberIdAsync(member.Email);
        await Check(await Client.PutAsJsonAsync($"/api/workspace/members/{memberId}/role", new { role = "emperor" }));
        await Check(await Client.PutAsJsonAsync($"/api/workspace/members/{await MemberIdAsync(Owner.Email)}/role", new { role = "member" }));
        await Check(await Client.PutAsJsonAsync("/api/workspace/members/nobody/role", new { role = "admin" }));
        await Check(await Client.PutAsJsonAsync($"/api/workspace/members/{memberId}/role", new { role = "admin" }));
        await Check(await member.Client.PostAsJsonAsync("/api/workspace/invitations", new { email = "x@acme.test", role = "member" }));
        await Check(await Client.PostAsync("/api/workspace/test-all", null));
        await Check(await ConnectAsync("buddy", "hubspot"));
        await Check(await ConnectAsync("buddy", "hubspot"));

        // Auth: anonymous, sign-in, tokens, registration, the antiforgery token.
        await Check(await anonymous.GetAsync("/api/workspace"));
        await Check(await anonymous.PostAsJsonAsync("/api/auth/login", new { email = Owner.Email, password = "wrong-password-1" }));
        var login = await anonymous.PostAsJsonAsync("/api/auth/login", new { email = Owner.Email, password = AgentHubFactory.Password });
        var refreshToken = (string)(await login.Content.ReadFromJsonAsync<JsonObject>())!["refreshToken"]!;
        await Check(login);
        await Check(await anonymous.PostAsJsonAsync("/api/auth/refresh", new { refreshToken }));
        await Check(await anonymous.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = "junk" }));
        await Check(await anonymous.PostAsJsonAsync("/api/auth/register", new { email = "weak@acme.test", password = "short" }));
        await Check(await anonymous.PostAsJsonAsync("/api/auth/register", new { email = "new@acme.test", password = AgentHubFactory.Password }));
        await Check(await anonymous.PostAsJsonAsync(
            "/api/auth/register-invited",
            new { email = "x@acme.test", password = AgentHubFactory.Password, invitation = "junk" }));
        await Check(await Client.GetAsync("/api/auth/antiforgery"));

        // The Brain: the profile, sources (note, file, web page refused, bad input), search, re-sync, delete.
        await Check(await Client.GetAsync("/api/brain/profile"));
        await Check(await Client.PutAsJsonAsync("/api/brain/profile", new { business_name = "Acme", website = "https://acme.test" }));
        await Check(await Client.PutAsJsonAsync("/api/brain/profile", new { website = "not a site" }));
        using (var added = await Client.PostAsJsonAsync("/api/brain/sources", new { kind = "note", title = "Hours", text = "Open every day from 9 to 5." }))
        {
            var sourceId = (string)(await added.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
            await Check(await Client.GetAsync($"/api/brain/sources/{sourceId}"));
            await Check(await Client.PostAsync($"/api/brain/sources/{sourceId}/resync", null));
            await Check(await Client.GetAsync("/api/brain/search?q=open%20hours&k=3"));
            await Check(await Client.DeleteAsync($"/api/brain/sources/{sourceId}"));
            await Check(await Client.GetAsync($"/api/brain/sources/{sourceId}"));
        }

        using (var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes("# Prices\n\nBread: 2 euros.")), "file", "prices.md" } })
        {
            await Check(await Client.PostAsync("/api/brain/sources", form));
        }

        await Check(await Client.PostAsJsonAsync("/api/brain/sources", new { kind = "url", url = "https://10.0.0.1/" }));
        await Check(await Client.PostAsJsonAsync("/api/brain/sources", new { kind = "note", title = "" }));
        await Check(await Client.PostAsync("/api/brain/sources", new StringContent("x", Encoding.UTF8, "text/plain")));
        await Check(await Client.GetAsync("/api/brain/sources"));
        await Check(await Client.GetAsync("/api/brain/search?q="));
        await Check(await member.Client.PostAsJsonAsync("/api/brain/sources", new { kind = "note", title = "t", text = "x" }));

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(recorded.Count >= 40, $"only {recorded.Count} responses with a body");
        Assert.Contains(recorded, r => r.Body.Contains("\"status_reason\":null", StringComparison.Ordinal));

        var report = await LintAsync(WithExamples(document, recorded).ToJsonString());
        var errors = report["problems"]!.AsArray().Where(p => (string)p!["severity"]! == "error").ToList();
        Assert.True(errors.Count == 0, "responses that do not match their schema: " + string.Join("\n", errors.Select(e => e!.ToJsonString())));
    }

    [Fact]
    public async Task TheResponseCheck_RejectsWhatTheOldDocumentGotWrong_AndAWrongValue()
    {
        var document = await DocumentAsync();
        // A status_reason of null, as the API returns for a connection never tested.
        var (failure, record) = await MatchAsync(document, await Client.GetAsync("/api/integrations/cassie/zendesk"));
        Assert.Null(failure);
        Assert.Equal(0, (int)(await LintAsync(WithExamples(document, [record!]).ToJsonString()))["totals"]!["errors"]!);

        // The enum as it was emitted before the fix (null among its values): null matches both oneOf branches.
        var old = (JsonObject)document.DeepClone();
        old["components"]!["schemas"]!["OutcomeReason"]!["enum"]!.AsArray().Add(null);
        old["components"]!["schemas"]!["OutcomeReason"]!.AsObject().Remove("type");
        var oldReport = await LintAsync(WithExamples(old, [record!]).ToJsonString());
        Assert.Contains(
            oldReport["problems"]!.AsArray(),
            p => (string)p!["ruleId"]! == "no-invalid-media-type-examples" && ((string)p["message"]!).Contains("status_reason", StringComparison.Ordinal));

        // A value the schema does not allow.
        var wrong = (JsonObject)document.DeepClone();
        wrong["components"]!["schemas"]!["ConnectionStatus"]!["enum"] = new JsonArray("connected");
        var wrongReport = await LintAsync(WithExamples(wrong, [record!]).ToJsonString());
        Assert.Contains(wrongReport["problems"]!.AsArray(), p => (string)p!["ruleId"]! == "no-invalid-media-type-examples");
    }

    private sealed record RecordedResponse(string Template, string Method, string Status, string MediaType, string Body);

    /// <summary>A copy of the document with each recorded body as an example of the response it came from.</summary>
    private static JsonObject WithExamples(JsonObject document, IReadOnlyList<RecordedResponse> recorded)
    {
        var copy = (JsonObject)document.DeepClone();
        for (var i = 0; i < recorded.Count; i++)
        {
            var r = recorded[i];
            var content = copy["paths"]![r.Template]![r.Method]!["responses"]![r.Status]!["content"]![r.MediaType]!.AsObject();
            if (content["examples"] is not JsonObject examples)
            {
                content["examples"] = examples = new JsonObject();
            }

            examples[$"walk-{i}"] = new JsonObject { ["value"] = JsonNode.Parse(r.Body) };
        }

        return copy;
    }

    /// <summary>
    /// What is wrong with the response's status or media type (null when the document declares both), and the
    /// response recorded for the schema check.
    /// </summary>
    private static async Task<(string? Failure, RecordedResponse? Record)> MatchAsync(JsonObject document, HttpResponseMessage response)
    {
        var request = response.RequestMessage!;
        var method = request.Method.Method.ToLowerInvariant();
        var path = request.RequestUri!.AbsolutePath.TrimEnd('/');
        var where = $"{request.Method} {request.RequestUri.PathAndQuery} → {(int)response.StatusCode}";
        var template = document["paths"]!.AsObject()
            .Where(p => Regex.IsMatch(path, "^" + Regex.Replace(Regex.Escape(p.Key.TrimEnd('/')), @"\\\{[^/]+?\}", "[^/]+") + "$"))
            .OrderBy(p => p.Key.Count(c => c == '{'))
            .Select(p => p.Key)
            .FirstOrDefault();
        if (template is null || document["paths"]![template]![method] is not JsonObject operation)
        {
            return ($"{where}: no such operation in the document", null);
        }

        var responses = operation["responses"]!.AsObject();
        var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (responses[status] is not JsonObject declared)
        {
            return ($"{where}: status not declared (declared: {string.Join(", ", responses.Select(r => r.Key))})", null);
        }

        var body = await response.Content.ReadAsStringAsync();
        if (body.Length == 0)
        {
            return (null, null);
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
        if (declared["content"]?[mediaType]?["schema"] is null)
        {
            return ($"{where}: {mediaType} body not declared (declared: {declared["content"]?.ToJsonString() ?? "no content"})", null);
        }

        return (null, new RecordedResponse(template, method, status, mediaType, body));
    }

    private async Task<JsonObject> DocumentAsync()
    {
        using var anonymous = Factory.CreateClient();
        return (await anonymous.GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;
    }

    private static async Task<JsonObject> LintAsync(string document)
    {
        Assert.True(File.Exists(Linter), $"The OpenAPI linter is not installed at {Linter}: run scripts/test (it runs npm ci in tools/openapi-lint).");
        var file = Path.Combine(TestPaths.Databases, $"openapi-{Guid.NewGuid():N}.json");
        Directory.CreateDirectory(TestPaths.Databases);
        await File.WriteAllTextAsync(file, document);
        try
        {
            var info = new ProcessStartInfo("node", [Linter, "lint", file, "--format=json", "--config", Path.Combine(LintFolder, "redocly.yaml")])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            info.Environment["REDOCLY_TELEMETRY"] = "off";
            info.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            var text = await output;
            var start = text.IndexOf('{', StringComparison.Ordinal);
            Assert.True(start >= 0, $"linter printed no report (exit {process.ExitCode}): {text} {await error}");
            return JsonNode.Parse(text[start..])!.AsObject();
        }
        finally
        {
            File.Delete(file);
        }
    }

}
