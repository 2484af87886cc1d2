using System.Text.Json.Nodes;
using AgentHub.Core.Actions;
using AgentHub.Core.Catalog;
using AgentHub.Core.Connections;
using AgentHub.Integrations.Actions;
using AgentHub.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace AgentHub.Tests.Integrations;

/// <summary>
/// Every catalog action against the loopback fake that plays its provider as documented: the exact requests (method,
/// path, query, body, credentials) and a kept answer without credentials. A write carries its idempotency key.
/// </summary>
public sealed class ProviderActionsTests(ProviderChecksFixture fixture) : IClassFixture<ProviderChecksFixture>
{
    public static TheoryData<string> AllActions => new(FakeActions.All.Select(a => a.Tool));

    private IActionExecutor Executor => fixture.Factory.Services.GetRequiredService<IActionExecutor>();
    private ActionArguments Arguments => fixture.Factory.Services.GetRequiredService<ActionArguments>();
    private IIntegrationCatalog Catalog => fixture.Factory.Services.GetRequiredService<IIntegrationCatalog>();

    [Fact]
    public void EveryCatalogAction_HasADocumentedFake()
    {
        var catalogTools = Catalog.Providers.SelectMany(p => p.Actions).Select(a => a.ToolName).Order().ToList();
        Assert.Equal(catalogTools, FakeActions.All.Select(a => a.Tool).Order().ToList());
    }

    [Theory]
    [MemberData(nameof(AllActions))]
    public async Task Action_SendsTheDocumentedRequests_AndKeepsOnlyTheListedFields(string tool)
    {
        fixture.Providers.Reset();
        var fake = FakeActions.All.Single(a => a.Tool == tool);
        var provider = FakeProviders.Get(fake.ProviderId);
        var action = Catalog.FindTool(tool)!;
        var (arguments, error) = Arguments.Prepare(action, fake.ArgumentsObject);
        Assert.True(error is null, error);

        var outcome = await Executor.ExecuteAsync(
            new ActionRequest(fixture.Owner.WorkspaceId, fake.ProviderId, action.Name, arguments!, provider.Valid, OAuth: false, IdempotencyKey: "approval-1"),
            CancellationToken.None);

        Assert.True(outcome.Succeeded, outcome.Content);
        var received = fixture.Providers.RequestsFor(fake.ProviderId);
        Assert.Equal(fake.Calls.Length, received.Count);
        for (var i = 0; i < fake.Calls.Length; i++)
        {
            var expected = fake.Calls[i];
            var actual = received[i];
            Assert.Equal(expected.Method, actual.Method);
            Assert.Equal(Uri.UnescapeDataString(expected.Path), Uri.UnescapeDataString(actual.Path));
            var query = QueryHelpers.ParseQuery(actual.Query).ToDictionary(q => q.Key, q => q.Value.ToString());
            if (expected.Response is not null)
            {
                Assert.Equal(expected.Query.OrderBy(q => q.Key), query.OrderBy(q => q.Key));
            }

            if (expected.Json is { } json)
            {
                Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), JsonNode.Parse(actual.Body)), $"body {actual.Body}");
                Assert.StartsWith("application/json", actual.Header("Content-Type"));
            }
            else if (expected.Form is { } form)
            {
                Assert.Equal(form, actual.Body);
            }
            else
            {
                Assert.Equal("", actual.Body);
            }

            Assert.True((expected.Authorized ?? provider.IsAuthorized)(actual), $"{tool} step {i + 1} lacks the credentials");
            Assert.Equal(action.Effect == ActionEffect.Write ? $"approval-1-{i + 1}" : null, actual.Header(CatalogActionExecutor.IdempotencyHeader));
        }

        foreach (var secret in provider.Valid.Where(v => provider.WrongSecret.Field == v.Key).Select(v => v.Value))
        {
            Assert.DoesNotContain(secret, outcome.Content, StringComparison.OrdinalIgnoreCase);
        }

        Assert.NotNull(JsonNode.Parse(outcome.Content));
    }

    [Fact]
    public async Task InstagramPublish_CreatesTheContainer_ThenPublishesItsCreationId()
    {
        fixture.Providers.Reset();
        var fake = FakeActions.All.Single(a => a.Tool == "instagram_publish_post");
        var outcome = await Executor.ExecuteAsync(
            new ActionRequest(fixture.Owner.WorkspaceId, "instagram", "publish_post", fake.ArgumentsObject, FakeProviders.Get("instagram").Valid, false, "k"),
            CancellationToken.None);

        Assert.True(outcome.Succeeded, outcome.Content);
        Assert.Equal($$"""{"id":"{{FakeActions.InstagramMediaId}}"}""", outcome.Content);
        var publish = fixture.Providers.RequestsFor("instagram")[1];
        Assert.Contains(FakeActions.InstagramCreationId, publish.Body);
    }

    [Fact]
    public async Task AKeptAnswer_DropsUnlistedFields()
    {
        fixture.Providers.Reset();
        var outcome = await Executor.ExecuteAsync(
            new ActionRequest(fixture.Owner.WorkspaceId, "zendesk", "get_ticket", JsonNode.Parse("""{"ticket_id":35436}""")!.AsObject(), FakeProviders.Get("zendesk").Valid, false),
            CancellationToken.None);

        var ticket = JsonNode.Parse(outcome.Content)!["ticket"]!.AsObject();
        Assert.Equal("Help, my printer is on fire!", (string)ticket["subject"]!);
        Assert.False(ticket.ContainsKey("via"));
    }

    [Fact]
    public async Task AProviderFailure_IsAnOutcomeWithASentence_NotAnException()
    {
        fixture.Providers.Reset();
        fixture.Providers.SetMode("hubspot", FakeProviderMode.ServerError);

        var outcome = await Executor.ExecuteAsync(
            new ActionRequest(fixture.Owner.WorkspaceId, "hubspot", "create_contact", JsonNode.Parse("""{"email":"a@b.example"}""")!.AsObject(), FakeProviders.Get("hubspot").Valid, false, "k"),
            CancellationToken.None);

        Assert.False(outcome.Succeeded);
        Assert.Equal(500, outcome.HttpStatus);
        Assert.Contains("HubSpot failed (500)", outcome.Content);
        // A write is sent once: no retry of a call whose effect is unknown.
        Assert.Single(fixture.Providers.RequestsFor("hubspot"));
    }

    [Fact]
    public async Task WrongCredentials_AreReportedAsRefused_WithoutEchoingThem()
    {
        fixture.Providers.Reset();
        var provider = FakeProviders.Get("twitter");
        var outcome = await Executor.ExecuteAsync(
            new ActionRequest(fixture.Owner.WorkspaceId, "twitter", "create_post", JsonNode.Parse("""{"text":"hi"}""")!.AsObject(), provider.WithWrongSecret(), false, "k"),
            CancellationToken.None);

        Assert.False(outcome.Succeeded);
        Assert.Equal(OutcomeReason.AuthInvalid, outcome.Reason);
        Assert.DoesNotContain(provider.WrongSecret.Value, outcome.Content);
    }

    [Fact]
    public async Task SemrushErrorText_WithStatus200_IsAFailure()
    {
        fixture.Providers.Reset();
        var outcome = await Executor.ExecuteAsync(
            new ActionRequest(fixture.Owner.WorkspaceId, "semrush", "domain_overview", JsonNode.Parse("""{"domain":"acme.com","database":"us"}""")!.AsObject(),
                new Dictionary<string, string> { ["api_key"] = "semrush-wrong-key" }, false),
            CancellationToken.None);

        Assert.False(outcome.Succeeded);
        Assert.DoesNotContain("semrush-wrong-key", outcome.Content);
    }
}
