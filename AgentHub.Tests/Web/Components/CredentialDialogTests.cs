using AgentHub.Core.Accounts;
using AgentHub.Core.Catalog;
using AgentHub.Core.Connections;
using AgentHub.Core.Data;
using AgentHub.Core.Workspaces;
using AgentHub.Tests.Infrastructure;
using AgentHub.Tests.Integrations;
using AgentHub.Web.Components.Pages.Integrations;
using AgentHub.Web.Components.Shared.Credentials;
using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
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
    public async Task APasswordField_HasAShowToggle_ThatIsAFocusableButtonWithAriaPressed()
    {
        var host = await OpenAsync("cassie", "zendesk");

        var toggle = host.Find("[data-testid=reveal-api_token]");
        Assert.Equal("BUTTON", toggle.TagName);
        Assert.Equal("button", toggle.GetAttribute("type")); // toggling never submits the form
        Assert.False(toggle.HasAttribute("tabindex")); // in the Tab order, unlike a MudBlazor adornment (tabindex -1)
        Assert.Equal("Show API Token", toggle.GetAttribute("aria-label"));
        Assert.Equal("false", toggle.GetAttribute("aria-pressed"));
        Assert.Equal("field-api_token", toggle.GetAttribute("aria-controls"));
        Assert.Empty(host.Find("#credential-form").QuerySelectorAll("button[tabindex='-1'], a[tabindex='-1'], input[tabindex='-1']"));

        toggle.Click();
        Assert.Equal("text", Field(host, "api_token").GetAttribute("type"));
        Assert.Equal("true", host.Find("[data-testid=reveal-api_token]").GetAttribute("aria-pressed"));
        Assert.Equal("Show API Token", host.Find("[data-testid=reveal-api_token]").GetAttribute("aria-label")); // a toggle keeps its name

        host.Find("[data-testid=reveal-api_token]").Click();
        Assert.Equal("password", Field(host, "api_token").GetAttribute("type"));
        Assert.Equal("false", host.Find("[data-testid=reveal-api_token]").GetAttribute("aria-pressed"));
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
    public async Task EachOutcome_IsShownAtTheTopOfTheDialog_AndOnlyAnAcceptedTestStoresTheValues(OutcomeReason reason)
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
        var alert = host.Find("[data-testid=dialog-outcome]");
        Assert.Contains($"Sentence for {reason.ToCode()}.", alert.TextContent);
        Assert.Equal("alert", alert.GetAttribute("role"));
        // First in the dialog's content, above the form: in view on a phone without scrolling.
        Assert.NotNull(host.Find(".mud-dialog-content > #credential-dialog-status:first-child [data-testid=dialog-outcome]"));
        Assert.NotNull(host.Find("#credential-dialog-status ~ #credential-form"));
        var tested = Assert.Single(Verifier.Requests);
        Assert.Equal("typed-secret-value-77", tested.Values["api_token"]);
        var stored = await Queries.GetAsync(Owner, "cassie", "zendesk");
        if (reason == OutcomeReason.Ok)
        {
            Assert.NotNull(host.Find("[data-testid=dialog-done]"));
            Assert.Empty(host.FindAll("[data-testid=dialog-save]"));
            Assert.Equal(ConnectionStatus.Connected, stored.Status);
            Assert.NotNull(stored.LastConnectedAt);
            // The typed secret was stored and is gone from the dialog.
            Assert.DoesNotContain("typed-secret-value-77", host.Markup);
        }
        else
        {
            Assert.Contains("Provider says no", alert.TextContent);
            Assert.Contains("Nothing was saved", alert.TextContent);
            Assert.NotNull(host.Find("[data-testid=dialog-save]"));
            Assert.NotNull(host.Find("[data-testid=dialog-save-anyway]"));
            Assert.Equal(ConnectionStatus.Disconnected, stored.Status);
            Assert.False(stored.IsConfigured);
            // Nothing was stored: the typed value stays in its field, to correct or to save anyway.
            Assert.Equal("typed-secret-value-77", Field(host, "api_token").GetAttribute("value"));
        }

        if (field is not null)
        {
            // The dialog points at the field to fix.
            var help = HelperText(Field(host, field));
            Assert.Contains(reason == OutcomeReason.AuthInvalid ? "did not accept this API Token" : "Check this API Token", help);
            Assert.Equal("true", Field(host, field).GetAttribute("aria-invalid"));
        }
    }

    [Fact]
    public async Task ARefusedSaveAndTest_LeavesAConnectedConnectionConnected_WithItsOldValues_AndCancelStoresNothing()
    {
        await Integrations.ConfigureAsync(Owner, "cassie", "zendesk", Zendesk.Valid.ToDictionary(kv => kv.Key, kv => (string?)kv.Value));
        await Tester.ConnectAsync(Owner, "cassie", "zendesk");
        var before = await Queries.GetAsync(Owner, "cassie", "zendesk");
        Assert.Equal(ConnectionStatus.Connected, before.Status);
        Verifier.Outcome = new VerificationOutcome(OutcomeReason.AuthInvalid, "Zendesk rejected the credentials.", "Couldn't authenticate you", 401, Field: "api_token");
        var host = await OpenAsync("cassie", "zendesk");
        Type(host, "email", "someone-else@acme.com");
        Type(host, "api_token", "a-wrong-token-1");

        host.Find("#credential-form").Submit();

        host.WaitForAssertion(() => Assert.Equal("auth_invalid", host.Find("[data-testid=dialog-outcome]").GetAttribute("data-reason")));
        Assert.Equal("a-wrong-token-1", Verifier.Requests.Last().Values["api_token"]);
        Assert.Equal("someone-else@acme.com", Verifier.Requests.Last().Values["email"]);
        var during = await Queries.GetAsync(Owner, "cassie", "zendesk");
        Assert.Equal(ConnectionStatus.Connected, during.Status);
        Assert.Equal(before.Version, during.Version);
        Assert.Equal("agent@acme.com", during.RequiredCredentials.Single(f => f.Name == "email").Value);
        // The refused value was not saved, so the field does not say it was.
        Assert.Contains("Zendesk did not accept this API Token", HelperText(Field(host, "api_token")));
        Assert.DoesNotContain("Saved", Field(host, "api_token").GetAttribute("placeholder") ?? "");

        await host.InvokeAsync(() => host.Find("[data-testid=dialog-cancel]").Click());

        host.WaitForAssertion(() => Assert.Empty(host.FindAll("#credential-form")));
        var after = await Queries.GetAsync(Owner, "cassie", "zendesk");
        Assert.Equal(ConnectionStatus.Connected, after.Status);
        Assert.Equal(before.Version, after.Version);
        // The stored token is still the old one: a test of the stored credentials sends it.
        Verifier.Outcome = new VerificationOutcome(OutcomeReason.Ok, "Connected.");
        await Tester.ConnectAsync(Owner, "cassie", "zendesk");
        Assert.Equal(Zendesk.Valid["api_token"], Verifier.Requests.Last().Values["api_token"]);
        Assert.Equal("agent@acme.com", Verifier.Requests.Last().Values["email"]);
    }

    [Fact]
    public async Task SaveAnyway_StoresTheRefusedValues_WithTheOutcomeOfTheirTest()
    {
        Verifier.Outcome = new VerificationOutcome(OutcomeReason.AuthInvalid, "Zendesk rejected the credentials.", null, 401, Field: "api_token");
        var host = await OpenAsync("cassie", "zendesk");
        Type(host, "subdomain", "acme");
        Type(host, "email", "agent@acme.com");
        Type(host, "api_token", "kept-anyway-token");
        host.Find("#credential-form").Submit();
        host.WaitForAssertion(() => Assert.NotNull(host.Find("[data-testid=dialog-save-anyway]")));
        Assert.Equal(ConnectionStatus.Disconnected, (await Queries.GetAsync(Owner, "cassie", "zendesk")).Status);

        await host.InvokeAsync(() => host.Find("[data-testid=dialog-save-anyway]").Click());

        host.WaitForAssertion(() => Assert.Empty(host.FindAll("#credential-form")));
        var stored = await Queries.GetAsync(Owner, "cassie", "zendesk");
        Assert.True(stored.IsConfigured);
        Assert.Equal(ConnectionStatus.Error, stored.Status);
        Assert.Equal(OutcomeReason.AuthInvalid, stored.StatusReason);
        Assert.Single(Verifier.Requests); // stored as tested, without a second check
        Verifier.Outcome = new VerificationOutcome(OutcomeReason.Ok, "Connected.");
        await Tester.ConnectAsync(Owner, "cassie", "zendesk");
        Assert.Equal("kept-anyway-token", Verifier.Requests.Last().Values["api_token"]);
    }

    [Fact]
    public async Task EditingAfterARefusal_WithdrawsSaveAnyway_SoOnlyTestedValuesCanBeSavedAnyway()
    {
        Verifier.Outcome = new VerificationOutcome(OutcomeReason.AuthInvalid, "Zendesk rejected the credentials.", null, 401, Field: "api_token");
        var host = await OpenAsync("cassie", "zendesk");
        Type(host, "subdomain", "acme");
        Type(host, "email", "agent@acme.com");
        Type(host, "api_token", "first-try-token");
        host.Find("#credential-form").Submit();
        host.WaitForAssertion(() => Assert.NotNull(host.Find("[data-testid=dialog-save-anyway]")));

        Type(host, "api_token", "second-try-token");

        host.WaitForAssertion(() => Assert.Empty(host.FindAll("[data-testid=dialog-save-anyway]")));
        Assert.Empty(host.FindAll("[data-testid=dialog-outcome]"));
    }

    [Fact]
    public async Task ARefusedSavedSecret_IsCalledTheSavedOne_WithoutTheLeaveBlankAdvice()
    {
        await Integrations.ConfigureAsync(Owner, "cassie", "zendesk", Zendesk.Valid.ToDictionary(kv => kv.Key, kv => (string?)kv.Value));
        Verifier.Outcome = new VerificationOutcome(OutcomeReason.AuthInvalid, "Zendesk rejected the credentials.", null, 401, Field: "api_token");
        var host = await OpenAsync("cassie", "zendesk");
        Assert.Contains("Saved", Field(host, "api_token").GetAttribute("placeholder"));

        host.Find("#credential-form").Submit(); // the token left blank: the saved one is tested

        host.WaitForAssertion(() => Assert.Contains("did not accept the saved API Token", HelperText(Field(host, "api_token"))));
        Assert.Equal(Zendesk.Valid["api_token"], Verifier.Requests.Last().Values["api_token"]);
        Assert.DoesNotContain("leave blank", Field(host, "api_token").GetAttribute("placeholder") ?? "");
        Assert.Equal(ConnectionStatus.Pending, (await Queries.GetAsync(Owner, "cassie", "zendesk")).Status);
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
    public async Task WithoutAnOAuthApp_TheFormLeads_WithNoConnectButton_AndAnOwnerReadsHowToEnableIt()
    {
        var host = await OpenAsync("buddy", "hubspot");

        Assert.Equal("credentials", host.Find("#credential-form").GetAttribute("data-mode"));
        Assert.NotNull(Field(host, "access_token"));
        Assert.Empty(host.FindAll("[data-testid=dialog-oauth-connect]"));
        Assert.Empty(host.FindAll("[data-testid=dialog-use-oauth]"));
        Assert.DoesNotContain(host.FindAll("button"), b => b.TextContent.Contains("Connect with HubSpot"));
        Assert.DoesNotContain("Integrations:", host.Markup);

        // Below the form, in plain words, with the way to the page where an owner adds the app.
        host.WaitForAssertion(() => Assert.NotNull(host.Find("[data-testid=dialog-oauth-apps-link]")));
        var hint = host.Find("#credential-form > .d-flex ~ [data-testid=dialog-oauth-hint]");
        Assert.Contains("Prefer to sign in with HubSpot", hint.TextContent);
        Assert.Contains("Workspace → OAuth apps", hint.TextContent);
        Assert.Equal("/workspace#oauth-apps", host.Find("[data-testid=dialog-oauth-apps-link]").GetAttribute("href"));
    }

    [Fact]
    public async Task WithoutAnOAuthApp_AnAdminIsToldToAskAnOwner_WithoutALinkTheyCannotUse()
    {
        await ChangeOwnRoleAsync(WorkspaceRole.Admin);

        var host = await OpenAsync("buddy", "hubspot");

        host.WaitForAssertion(() => Assert.Contains("Ask a workspace owner to add your HubSpot app", host.Find("[data-testid=dialog-oauth-hint]").TextContent));
        Assert.Empty(host.FindAll("[data-testid=dialog-oauth-apps-link]"));
        Assert.DoesNotContain("Integrations:", host.Markup);
    }

    [Fact]
    public async Task WithAnOAuthApp_TheTokenFormOffersConnectWithXAgain()
    {
        OAuth.OperatorApps.Add("hubspot");
        var host = await OpenAsync("buddy", "hubspot");
        await host.InvokeAsync(() => host.Find("[data-testid=dialog-use-token]").Click());
        host.WaitForAssertion(() => Assert.Equal("credentials", host.Find("#credential-form").GetAttribute("data-mode")));
        Assert.Empty(host.FindAll("[data-testid=dialog-oauth-hint]"));

        await host.InvokeAsync(() => host.Find("[data-testid=dialog-use-oauth]").Click());

        host.WaitForAssertion(() => Assert.Equal("oauth", host.Find("#credential-form").GetAttribute("data-mode")));
        Assert.Contains("Connect with HubSpot", host.Find("[data-testid=dialog-oauth-connect]").TextContent);
    }

    [Fact]
    public async Task AProviderWithoutOAuth_SaysNothingAboutIt()
    {
        var host = await OpenAsync("cassie", "freshdesk");
        Assert.Equal("credentials", host.Find("#credential-form").GetAttribute("data-mode"));
        Assert.Empty(host.FindAll("[data-testid=dialog-oauth-hint]"));
        Assert.Empty(host.FindAll("[data-testid=dialog-use-oauth]"));
    }

    /// <summary>A second owner changes the test's owner's role, as another browser would.</summary>
    private async Task ChangeOwnRoleAsync(WorkspaceRole role)
    {
        var second = new AgentHubUser { UserName = "second@bunit.test", Email = "second@bunit.test", WorkspaceId = Owner.WorkspaceId, Role = WorkspaceRole.Owner };
        await using (var db = await Services.GetRequiredService<IDbContextFactory<AgentHubDbContext>>().CreateDbContextAsync())
        {
            db.Users.Add(second);
            await db.SaveChangesAsync();
        }

        var actor = new WorkspaceActor(Owner.WorkspaceId, second.Id, second.Email, WorkspaceRole.Owner);
        await Services.GetRequiredService<WorkspaceService>().ChangeRoleAsync(actor, Owner.UserId, role);
    }
}
