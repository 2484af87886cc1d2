using AgentHub.Core.OAuth;
using AgentHub.Core.Tasks;
using AgentHub.Core.Webhooks;
using AgentHub.Integrations.Catalog;

namespace AgentHub.Tests.Core;

/// <summary>The newer features' request rules as FluentValidation validators, each field's message where the API and the cards show it.</summary>
public sealed class RequestValidatorTests
{
    private static readonly IntegrationCatalog Catalog = CatalogLoader.LoadEmbedded();

    private static Dictionary<string, string[]> Errors(FluentValidation.Results.ValidationResult result) =>
        result.Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray());

    [Fact]
    public void WebhookSecrets_RequireEachRequiredSecret_RefuseUnknownFields_AndTakeBasicAuthAsAPair()
    {
        var zendesk = Catalog.FindProvider("zendesk")!;
        var pipedrive = Catalog.FindProvider("pipedrive")!;

        var missing = Errors(new WebhookSecretsValidator(zendesk, zendesk.Webhook!).Validate(new Dictionary<string, string?> { ["nope"] = "x" }));
        Assert.Equal(["Zendesk webhooks have no field 'nope'."], missing["nope"]);
        Assert.Single(missing["signing_secret"]);

        var half = Errors(new WebhookSecretsValidator(pipedrive, pipedrive.Webhook!).Validate(new Dictionary<string, string?> { ["basic_username"] = "user" }));
        Assert.Equal(["Set both the Basic auth username and password, or neither."], half["basic_password"]);
        Assert.True(new WebhookSecretsValidator(pipedrive, pipedrive.Webhook!).Validate(new Dictionary<string, string?>()).IsValid);
    }

    [Fact]
    public void SendGridsSecret_MustBeAP256PublicKey()
    {
        var sendgrid = Catalog.FindProvider("sendgrid")!;
        var validator = new WebhookSecretsValidator(sendgrid, sendgrid.Webhook!);

        Assert.False(validator.Validate(new Dictionary<string, string?> { [sendgrid.Webhook!.SecretField!] = "not-a-key" }).IsValid);
        var key = Convert.ToBase64String(System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256).ExportSubjectPublicKeyInfo());
        Assert.True(validator.Validate(new Dictionary<string, string?> { [sendgrid.Webhook!.SecretField!] = key }).IsValid);
    }

    [Fact]
    public void WebhookRules_NameTheFieldToFix()
    {
        var validator = new SaveWebhookRuleRequestValidator(Catalog);

        var errors = Errors(validator.Validate(new SaveWebhookRuleRequest("hubspot", "deal creation!", "penn", " ", true)));

        Assert.Contains("event_type", errors.Keys);
        Assert.Equal(["Penn does not use HubSpot."], errors["agent_id"]);
        Assert.Contains("instruction", errors.Keys);
        Assert.True(validator.Validate(new SaveWebhookRuleRequest("hubspot", "deal.creation", "buddy", "Research deal {id}", true)).IsValid);
    }

    [Theory]
    [InlineData(null, "Client ID is required.")]
    [InlineData("has space", "Client ID may contain only ASCII letters, digits and punctuation, without spaces.")]
    public void OAuthApps_RefuseAMissingOrUnprintableClientId(string? clientId, string message)
    {
        var errors = Errors(new OAuthAppCredentialsValidator().Validate(new OAuthAppCredentials(clientId, "secret-1")));

        Assert.Equal([message], errors["client_id"]);
    }

    [Fact]
    public void ARejectionsReason_IsOptional_AndBounded()
    {
        Assert.True(RejectionValidator.Instance.Validate(new Rejection(null)).IsValid);
        Assert.Equal("reason", Assert.Single(RejectionValidator.Instance.Validate(new Rejection(new string('x', ApprovalService.MaxReasonLength + 1))).Errors).PropertyName);
    }
}
