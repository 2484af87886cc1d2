using AgentHub.Core.Catalog;
using AgentHub.Core.Connections;
using AgentHub.Tests.Infrastructure;
using AgentHub.Tests.Integrations;
using AgentHub.Web.Components.Pages.Integrations;
using AgentHub.Web.Components.Shared.Credentials;
using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AgentHub.Tests.Web.Components;

public sealed class CredentialDialogTests : ComponentTestBase
{
    private static readonly FakeProvider Zendesk = FakeProviders.Get("zendesk");

    public static TheoryData<string> AllProviders => new(FakeProviders.All.Select(p => p.Id));

    private async Task<IRenderedComponent<IComponent>> OpenAsync(string agentId, string providerId, IntegrationView? view = null)
    {
        var host = Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudDialogProvider>(1);
            builder.CloseComponent();
        });
        view ??= await Queries.GetAsync(Owner, agentId, providerId);
        var parameters = new DialogParameters<CredentialDialog> { { d => d.AgentId, agentId }, { d => d.Integration, view } };
        await host.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<CredentialDialog>("Connect", parameters));
        host.WaitForElement("#credential-form");
        return (IRenderedComponent<IComponent>)host;
    }

    private static IElement Field(IRenderedComponent<IComponent> host, string name) => host.Find($"[data-field='{name}']");

    private static string HelperText(IElement input) =>
        input.Closest(".mud-input-control")!.QuerySelector(".mud-input-helper-text")?.TextContent ?? "";

    private static void Type(IRenderedComponent<IComponent> host, string name, string value)
    {
        var input = Field(host, name);
        input.Input(value);
        input.Blur();
    }

    [Theory]
    [MemberData(nameof(AllProviders))]
    public async Task EachProvider_GetsOneLabelledInputPerField_InCatalogOrder_WithTheRightType(string providerId)
    {
        var provider = Services.GetRequiredService<IIntegrationCatalog>().FindProvider(providerId)!;
        var host = await OpenAsync(CatalogTests.AgentOf(providerId), providerId);

        var rendered = host.FindAll("[data-field]");
        Assert.Equal(provider.Fields.Select(f => f.Name), rendered.Select(e => e.GetAttribute("data-field")));
        foreach (var field in provider.Fields)
        {
            var input = Field(host, field.Name);
            var control = input.Closest(".mud-input-control")!;
            Assert.Contains(field.Label, control.QuerySelector("label")!.TextContent);
            if (field.Options is { Count: > 0 })
            {
                Assert.NotNull(input.Closest(".mud-select"));
                Assert.Equal(field.Label, input.GetAttribute("aria-label"));
                continue;
            }

            Assert.Equal(input.Id, control.QuerySelector("label")!.GetAttribute("for"));

            var expected = field.Type switch
            {
                CredentialFieldType.Password => "password",
                CredentialFieldType.Email => "email",
                CredentialFieldType.Url => "url",
                _ => "text",
            };
            Assert.Equal(expected, input.GetAttribute("type"));
            Assert.Equal(field.Required ? "true" : "false", input.GetAttribute("aria-required"));
            Assert.Contains(field.Help!, HelperText(input));
        }
    }

    [Fact]
    public async Task EveryFieldType_GetsAFittingInput_IncludingTextarea()
    {
        var view = new IntegrationView("all_types", "All Types", "/icons/jasper.svg", "d", "content", "https://example.test", ConnectionStatus.Disconnected,
            false, null, null, null, null, null, null, [], TestCatalog.AllTypes.Fields.Select(f => new CredentialFieldView(
                f.Name,
                f.Label,
                f.TypeName,
                f.Required,
                f.Help,
                f.Placeholder,
                null,
                false,
                null)).ToList(), null);

        var host = await OpenAsync("penn", "all_types", view);

        Assert.Equal("password", Field(host, "secret").GetAttribute("type"));
        Assert.Equal("text", Field(host, "account").GetAttribute("type"));
        Assert.Equal("email", Field(host, "contact").GetAttribute("type"));
        Assert.Equal("url", Field(host, "endpoint").GetAttribute("type"));
        Assert.Equal("TEXTAREA", Field(host, "notes").TagName);
    }

    [Fact]
    public async Task APasswordField_HasAShowHideToggle()
    {
        var host = await OpenAsync("cassie", "zendesk");

        host.Find("button[aria-label='Show API Token']").Click();
        Assert.Equal("text", Field(host, "api_token").GetAttribute("type"));
        host.Find("button[aria-label='Hide API Token']").Click();
        Assert.Equal("password", Field(host, "api_token").GetAttribute("type"));
    }

    [Fact]
    public async Task AFieldIsValidatedInline_WithTheSameRulesAsTheApi()
    {
        var host = await OpenAsync("cassie", "zendesk");

        Type(host, "subdomain", "https://acme.zendesk.com");
        Type(host, "email", "not-an-email");

        host.WaitForAssertion(() => Assert.Contains("Subdomain is only the first part of acme.zendesk.com", host.Markup));
        Assert.Contains("Agent Email must be an email address", host.Markup);
        Assert.DoesNotContain("API Token is required", host.Markup); // untouched fields are not judged yet
    }

    [Fact]
    public async Task SubmittingInvalidValues_ShowsEveryFieldsMessage_AndSendsNothing()
    {
        var host = await OpenAsync("cassie", "zendesk");

        host.Find("#credential-form").Submit();

        host.WaitForAssertion(() => Assert.Contains("Correct the highlighted fields", host.Find("[data-testid=dialog-problem]").TextContent));
        Assert.Contains("Subdomain is required.", host.Markup);
        Assert.Contains("Agent Email is required.", host.Markup);
        Assert.Contains("API Token is required.", host.Markup);
        Assert.Empty(Verifier.Requests);
        Assert.Equal(ConnectionStatus.Disconnected, (await Queries.GetAsync(Owner, "cassie", "zendesk")).Status);
    }

    [Fact]
    public async Task AStoredSecret_IsNeverSentToTheBrowser_AndLeavingItBlankKeepsIt()
    {
        await Integrations.ConfigureAsync(Owner, "cassie", "zendesk", Zendesk.Valid.ToDictionary(kv => kv.Key, kv => (string?)kv.Value));
        var host = await OpenAsync("cassie", "zendesk");

        var token = Field(host, "api_token");
        Assert.Equal("", token.GetAttribute("value") ?? "");
        Assert.Contains("Saved", token.GetAttribute("placeholder"));
        Assert.DoesNotContain(Zendesk.Valid["api_token"], host.Markup);
        Assert.Equal("acme", Field(host, "subdomain").GetAttribute("value"));

        Type(host, "email", "other@acme.com");
        host.Find("#credential-form").Submit();

        host.WaitForAssertion(() => Assert.Equal("ok", host.Find("[data-testid=dialog-outcome]").GetAttribute("data-reason")));
        var sent = Assert.Single(Verifier.Requests);
        Assert.Equal(Zendesk.Valid["api_token"], sent.Values["api_token"]);
        Assert.Equal("other@acme.com", sent.Values["email"]);
    }

    public static TheoryData<OutcomeReason> Reasons => new(Enum.GetValues<OutcomeReason>());

    [Theory]
    [MemberData(nameof(Reasons))]
    public async Task EachOutcome_IsShownInTheDialog_WhichStaysOpenUnlessItSucceeded(OutcomeReason reason)
    {
        var field = reason is OutcomeReason.AuthInvalid or OutcomeReason.InvalidInput ? "api_token" : null;
        Verifier.Outcome = new VerificationOutcome(
            reason,
            $"Sentence for {reason.ToCode()}.",
            reason == OutcomeReason.Ok ? null : "Provider says no",
            401,
            Field: field);
        var host = await OpenAsync("cassie", "zendesk");
        Type(host, "subdomain", "acme");
        Type(host, "email", "agent@acme.com");
        Type(host, "api_token", "typed-secret-value-77");

        host.Find("#credential-form").Submit();

        host.WaitForAssertion(() => Assert.Equal(reason.ToCode(), host.Find("[data-testid=dialog-outcome]").GetAttribute("data-reason")));
        var outcome = host.Find("[data-testid=dialog-outcome]").TextContent;
        Assert.Contains($"Sentence for {reason.ToCode()}.", outcome);
        if (reason == OutcomeReason.Ok)
        {
            Assert.NotNull(host.Find("[data-testid=dialog-done]"));
            Assert.Empty(host.FindAll("[data-testid=dialog-save]"));
        }
        else
        {
            Assert.Contains("Provider says no", outcome);
            Assert.NotNull(host.Find("[data-testid=dialog-save]"));
        }

        if (field is not null)
        {
            // The dialog points at the field to fix.
            var help = HelperText(Field(host, field));
            Assert.Contains(reason == OutcomeReason.AuthInvalid ? "did not accept this API Token" : "Check this API Token", help);
            Assert.Equal("true", Field(host, field).GetAttribute("aria-invalid"));
        }

        // The typed secret was stored and is gone from the dialog.
        Assert.DoesNotContain("typed-secret-value-77", host.Markup);
    }

    [Fact]
    public async Task Cancel_ChangesNothing()
    {
        var host = await OpenAsync("cassie", "zendesk");
        Type(host, "subdomain", "acme");

        host.Find("[data-testid=dialog-cancel]").Click();

        host.WaitForAssertion(() => Assert.Empty(host.FindAll("#credential-form")));
        Assert.Equal(ConnectionStatus.Disconnected, (await Queries.GetAsync(Owner, "cassie", "zendesk")).Status);
        Assert.Empty(Verifier.Requests);
    }

    [Fact]
    public async Task WithAnOAuthApp_TheDialogOpensOnConnectWithX_AndSendsTheBrowserToTheProvider()
    {
        OAuth.OperatorApps.Add("hubspot");
        var host = await OpenAsync("buddy", "hubspot");

        Assert.Equal("oauth", host.Find("#credential-form").GetAttribute("data-mode"));
        Assert.Empty(host.FindAll("[data-field='access_token']")); // no token field until "Use a token instead"
        Assert.Contains("Connect with HubSpot", host.Find("[data-testid=dialog-oauth-connect]").TextContent);

        await host.InvokeAsync(() => host.Find("#credential-form").Submit());

        var started = Assert.Single(OAuth.Authorizations);
        Assert.Equal("hubspot", started.ProviderId);
        Assert.Equal(AgentHub.Core.OAuth.OAuthClientSource.Operator, started.Client.Source);
        host.WaitForAssertion(() => Assert.StartsWith("https://auth.example.test/hubspot/authorize", Services.GetRequiredService<NavigationManager>().Uri));
    }

    [Fact]
    public async Task TheSettingsAskedBeforeAuthorizing_AreValidatedLikeTheForm_AndNothingStartsUntilTheyAreRight()
    {
        OAuth.OperatorApps.Add("zendesk");
        var host = await OpenAsync("cassie", "zendesk");

        // Only the subdomain is asked: the email and API token are the credential form's, not OAuth's.
        Assert.Single(host.FindAll("[data-field]"));
        Type(host, "subdomain", "https://acme.zendesk.com");
        await host.InvokeAsync(() => host.Find("#credential-form").Submit());
        host.WaitForAssertion(() => Assert.Contains("Correct the highlighted fields", host.Find("[data-testid=dialog-problem]").TextContent));
        Assert.Contains("only the first part", HelperText(Field(host, "subdomain")));
        Assert.Empty(OAuth.Authorizations);

        Type(host, "subdomain", "acme");
        await host.InvokeAsync(() => host.Find("#credential-form").Submit());
        var started = Assert.Single(OAuth.Authorizations);
        Assert.Equal("acme", started.Settings["subdomain"]);
    }

    [Fact]
    public async Task UseATokenInstead_ShowsTheCredentialForm()
    {
        OAuth.OperatorApps.Add("hubspot");
        var host = await OpenAsync("buddy", "hubspot");

        await host.InvokeAsync(() => host.Find("[data-testid=dialog-use-token]").Click());

        host.WaitForAssertion(() => Assert.Equal("credentials", host.Find("#credential-form").GetAttribute("data-mode")));
        Assert.NotNull(Field(host, "access_token"));
        Assert.NotNull(host.Find("[data-testid=dialog-save]"));
    }

    [Fact]
    public async Task WithoutAnOAuthApp_ConnectWithXIsDisabled_WithTheReason_AndTheFormIsShown()
    {
        var host = await OpenAsync("buddy", "hubspot");

        Assert.Equal("credentials", host.Find("#credential-form").GetAttribute("data-mode"));
        var unavailable = host.Find("[data-testid=dialog-oauth-unavailable]");
        Assert.True(unavailable.QuerySelector("button")!.HasAttribute("disabled"));
        Assert.Contains("no OAuth app is configured for HubSpot", unavailable.TextContent);
        Assert.NotNull(Field(host, "access_token"));
    }

    [Fact]
    public async Task AProviderWithoutOAuth_SaysNothingAboutIt()
    {
        var host = await OpenAsync("cassie", "freshdesk");
        Assert.Equal("credentials", host.Find("#credential-form").GetAttribute("data-mode"));
        Assert.Empty(host.FindAll("[data-testid=dialog-oauth-unavailable]"));
    }
}
