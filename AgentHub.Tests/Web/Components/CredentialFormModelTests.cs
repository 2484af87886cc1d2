using AgentHub.Core.Catalog;
using AgentHub.Core.Connections;
using AgentHub.Integrations.Catalog;
using AgentHub.Tests.Infrastructure;
using AgentHub.Web.Components.Pages.Integrations;
using AgentHub.Web.Components.Shared.Credentials;

namespace AgentHub.Tests.Web.Components;

/// <summary>The credential form's rules without rendering anything: the API's validators per field, saved secrets, a test's pointer.</summary>
public sealed class CredentialFormModelTests
{
    private static readonly IntegrationCatalog Catalog = CatalogLoader.LoadEmbedded();
    private static readonly ProviderDefinition Zendesk = Catalog.FindProvider("zendesk")!;

    private static CredentialFormModel Form(Connection? connection = null)
    {
        var agent = Catalog.FindAgent("cassie")!;
        var view = new IntegrationViewMapper(Catalog).ToView(agent, agent.FindIntegration("zendesk")!, Zendesk, connection, new HashSet<string>());
        return new CredentialFormModel(Zendesk, view, new CredentialValidators(), TestText.For<CredentialText>());
    }

    private static Connection Saved()
    {
        var connection = Connection.Create(Guid.NewGuid(), "zendesk", DateTime.UtcNow);
        connection.StoreCredentials(ConnectionSettings.Write(new Dictionary<string, string> { ["subdomain"] = "acme", ["email"] = "agent@acme.com" }),
            ["api_token"], "ciphertext", "Saved.", DateTime.UtcNow);
        return connection;
    }

    [Fact]
    public async Task AnEmptyForm_IsInvalidAtItsFirstField_AndAFieldIsCheckedWithTheApisRules()
    {
        var form = Form();

        Assert.Equal("subdomain", await form.FirstInvalidAsync());
        Assert.NotEmpty(await form.ValidateFieldAsync("subdomain", "https://acme.zendesk.com"));
        Assert.Empty(await form.ValidateFieldAsync("subdomain", "acme"));
    }

    [Fact]
    public async Task ASavedSecret_MayBeLeftBlank_AndIsNeverShownBack()
    {
        var form = Form(Saved());

        Assert.True(form.IsSaved("api_token"));
        Assert.Equal("", form.Value("api_token"));
        Assert.Equal("acme", form.Value("subdomain"));
        Assert.False(form.RequiredNow(Zendesk.FindField("api_token")!));
        Assert.Equal("Saved — leave blank to keep it", form.PlaceholderOf(Zendesk.FindField("api_token")!));
        Assert.Null(await form.FirstInvalidAsync());
        Assert.Equal("", form.Values()["api_token"]); // blank: the saved one is kept
    }

    [Fact]
    public async Task AFailedTest_PointsAtItsField_UntilTheFieldIsEdited()
    {
        var form = Form(Saved());
        var outcome = new ConnectionTestOutcome(false, OutcomeReason.AuthInvalid, "Refused.", null, "api_token", 401, null, null);

        Assert.Equal("api_token", form.Point(outcome, "Zendesk"));
        Assert.Equal(["Zendesk did not accept the saved API Token. Enter a new one."], await form.ValidateFieldAsync("api_token", ""));

        form.Set("api_token", "a-new-token");
        Assert.Empty(await form.ValidateFieldAsync("api_token", "a-new-token"));
    }

    [Fact]
    public async Task ARefusedTypedSecret_IsCalledTheValueTyped_NotASavedOne()
    {
        var form = Form(Saved());
        form.Set("api_token", "a-wrong-token");
        var outcome = new ConnectionTestOutcome(false, OutcomeReason.AuthInvalid, "Refused.", null, "api_token", 401, null, null);

        form.Point(outcome, "Zendesk");

        Assert.Equal(["Zendesk did not accept this API Token. Check it, or paste it again."], await form.ValidateFieldAsync("api_token", "a-wrong-token"));
        Assert.Equal("a-wrong-token", form.Value("api_token")); // nothing was stored: the value typed stays to correct
    }

    [Fact]
    public void ASavedSecretThatATestRefused_LosesTheLeaveBlankPlaceholder()
    {
        var form = Form(Saved());
        var token = Zendesk.FindField("api_token")!;
        Assert.Equal("Saved — leave blank to keep it", form.PlaceholderOf(token));

        form.Point(new ConnectionTestOutcome(false, OutcomeReason.AuthInvalid, "Refused.", null, "api_token", 401, null, null), "Zendesk");

        Assert.Equal(token.Placeholder, form.PlaceholderOf(token));
        form.ClearPointed();
        Assert.Equal("Saved — leave blank to keep it", form.PlaceholderOf(token));
    }

    [Fact]
    public void AfterSave_ForgetsTheTypedSecret_AndKeepsItAsSaved()
    {
        var form = Form();
        form.Set("subdomain", " acme ");
        form.Set("api_token", "typed-secret-value");
        form.ToggleReveal("api_token");
        var agent = Catalog.FindAgent("cassie")!;
        var connection = Connection.Create(Guid.NewGuid(), "zendesk", DateTime.UtcNow);
        connection.StoreCredentials(ConnectionSettings.Write(new Dictionary<string, string> { ["subdomain"] = "acme" }), ["api_token"], "ciphertext", "Saved.", DateTime.UtcNow);
        var view = new IntegrationViewMapper(Catalog).ToView(agent, agent.FindIntegration("zendesk")!, Zendesk, connection, new HashSet<string>());

        form.AfterSave(view);

        Assert.Equal("", form.Value("api_token"));
        Assert.True(form.IsSaved("api_token"));
        Assert.False(form.IsRevealed("api_token"));
        Assert.DoesNotContain("typed-secret-value", form.Values().Values);
    }
}
