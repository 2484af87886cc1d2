using System.Diagnostics;
using AgentHub.Core.Connections;
using AgentHub.Tests.Core;
using AgentHub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AgentHub.Tests.Web.Api;

/// <summary>Findings 8, 11 and 13 (traceparent): what AgentHub stores from providers and sends to them.</summary>
public sealed class ProviderTrafficHardeningTests : ApiTestBase
{
    protected override bool SharesHost => true;

    private const string LongToken = "pat-na1-4f9c2b7e-1d3a-4c8b-9e6f-0a1b2c3d4e5f";

    [Fact]
    public async Task AProviderThatEchoesTheKeyAltered_GetsNoRunOfItStoredOrShown()
    {
        Providers.SetMode("hubspot", FakeProviderMode.EchoesSecretAltered);
        await ReadJsonAsync(await ConfigureAsync("buddy", "hubspot", new Dictionary<string, string> { ["access_token"] = LongToken }), 200);

        var result = await ReadJsonAsync(await ConnectAsync("buddy", "hubspot"), 200);
        var member = await InviteAsync("member@acme.test", "member");
        var shown = await ReadJsonAsync(await member.Client.GetAsync("/api/integrations/buddy/hubspot"), 200);

        // The fake really echoed it (upper-cased, two characters changed)...
        var echoed = Providers.RequestsFor("hubspot").Single();
        Assert.Equal($"Bearer {LongToken}", echoed.Header("Authorization"));
        // ...and nothing of it is in the outcome, in what a member sees, or in the logs. (Only what came from the provider
        // is checked in the views: the catalog's own placeholder "pat-na1-…" shares 8 characters with every HubSpot token.)
        var texts = new[] { (string)result["outcome"]!["provider_message"]!, (string)result["integration"]!["provider_message"]!, (string)shown["provider_message"]!, Factory.AllLogText() };
        foreach (var text in texts)
        {
            SecretRedactorTests.AssertNoSharedRun(text, LongToken);
        }

        Assert.StartsWith("The token [redacted]", (string)shown["provider_message"]!);
    }

    [Theory]
    [InlineData("hubspot", "access_token", "pat-na1-valid\u2028hubspot")]
    [InlineData("hubspot", "access_token", "pat-na1-välid-hubspot")]
    [InlineData("pipedrive", "api_token", "pd-valid\u00a0token")]
    [InlineData("zendesk", "api_token", "tök€n")]
    [InlineData("zendesk", "email", "agënt@acme.com")]
    public async Task AValueThatCannotGoInAHeader_IsRefusedAtValidation_WithAFieldMessage(string provider, string field, string value)
    {
        var values = new Dictionary<string, string>(FakeProviders.Get(provider).Valid) { [field] = value };
        var agent = provider == "zendesk" ? "cassie" : "buddy";

        var problem = await ReadProblemAsync(await ConfigureAsync(agent, provider, values), 400);

        Assert.Contains("ASCII", (string)problem["errors"]![field]![0]!);
        Assert.Empty(Providers.RequestsFor(provider));
        Assert.Equal("disconnected", (string)(await GetJsonAsync($"/api/integrations/{agent}/{provider}"))["status"]!);
    }

    [Fact]
    public async Task ProviderRequests_CarryNoTraceContext_EvenWhenATraceIsActive()
    {
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        using var source = new ActivitySource("AgentHub.Tests.Trace");
        await ReadJsonAsync(await ConfigureAsync("buddy", "hubspot", FakeProviders.Get("hubspot").Valid), 200);

        using (var activity = source.StartActivity("test"))
        {
            Assert.NotNull(activity);
            activity.AddBaggage("tenant", "acme");
            var service = Factory.Services.GetRequiredService<ConnectionTester>();
            var actor = await Factory.Services.GetRequiredService<AgentHub.Web.Infrastructure.ActorResolver>()
                .ResolveAsync(await PrincipalAsync());
            await service.ConnectAsync(actor, "buddy", "hubspot");
        }

        var sent = Providers.RequestsFor("hubspot").Single();
        Assert.Null(sent.Header("traceparent"));
        Assert.Null(sent.Header("tracestate"));
        Assert.Null(sent.Header("baggage"));
        Assert.Null(sent.Header("Request-Id"));
    }

    private async Task<System.Security.Claims.ClaimsPrincipal> PrincipalAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AgentHub.Core.Accounts.AgentHubUser>>();
        var factory = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.IUserClaimsPrincipalFactory<AgentHub.Core.Accounts.AgentHubUser>>();
        return await factory.CreateAsync((await users.FindByEmailAsync(Owner.Email))!);
    }
}
