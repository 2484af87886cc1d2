using AgentHub.Core.Connections;
using AgentHub.Integrations.Catalog;
using FluentValidation;

namespace AgentHub.Tests.Core;

public sealed class CredentialSubmissionValidatorTests
{
    private static readonly IntegrationCatalog Catalog = CatalogLoader.LoadEmbedded();
    private static readonly CredentialValidators Validators = new();

    private static Dictionary<string, string[]> Errors(string providerId, Dictionary<string, string?> values,
        Dictionary<string, string>? stored = null, HashSet<string>? savedSecrets = null)
    {
        var provider = Catalog.FindProvider(providerId)!;
        var result = Validators.For(provider).Validate(CredentialSubmission.Create(provider, values, stored, savedSecrets));
        return result.Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray());
    }

    [Fact]
    public void ValidValues_Pass()
    {
        Assert.Empty(Errors("zendesk", new() { ["subdomain"] = "acme", ["email"] = "a@acme.com", ["api_token"] = "t" }));
        Assert.Empty(Errors("salesforce", new() { ["instance_url"] = "https://acme--dev.sandbox.my.salesforce.com", ["access_token"] = "t" }));
        Assert.Empty(Errors("intercom", new() { ["access_token"] = "t", ["region"] = "EU" }));
        Assert.Empty(Errors("linkedin", new() { ["access_token"] = "t", ["organization_urn"] = "" }));
    }

    [Theory]
    [InlineData("http://acme.my.salesforce.com")]
    [InlineData("https://acme.my.salesforce.com.evil.example")]
    [InlineData("https://evil.example/acme.my.salesforce.com")]
    [InlineData("https://user@acme.my.salesforce.com")]
    [InlineData("https://acme.my.salesforce.com:8443")]
    [InlineData("https://.my.salesforce.com")]
    [InlineData("https://10.0.0.1")]
    [InlineData("javascript:alert(1)")]
    public void SalesforceInstanceUrl_MustBeHttpsOnASalesforceHost(string url)
    {
        var errors = Errors("salesforce", new() { ["instance_url"] = url, ["access_token"] = "t" });
        Assert.Contains(".my.salesforce.com", Assert.Single(errors["instance_url"]));
    }

    [Theory]
    [InlineData("acme.zendesk.com")]
    [InlineData("https://acme")]
    [InlineData("zendesk.com.evil.example")]
    [InlineData("ACME")]
    [InlineData("-acme")]
    public void ZendeskSubdomain_MustBeOneLowercaseLabel(string subdomain)
    {
        var errors = Errors("zendesk", new() { ["subdomain"] = subdomain, ["email"] = "a@acme.com", ["api_token"] = "t" });
        Assert.Single(errors["subdomain"]);
    }

    [Fact]
    public void Choices_AreEnforced()
    {
        var errors = Errors(
            "mixpanel",
            new() { ["service_account_username"] = "u", ["service_account_secret"] = "s", ["project_id"] = "1", ["region"] = "mars" });
        Assert.Contains("us, eu, in", Assert.Single(errors["region"]));
    }

    [Fact]
    public void ControlCharacters_AreRejected()
    {
        var errors = Errors("hubspot", new() { ["access_token"] = "pat-na1\r\nX-Injected: 1" });
        Assert.Contains("control characters", Assert.Single(errors["access_token"]));
    }

    [Fact]
    public void ABlankSecret_IsAcceptedWhenOneIsSaved_AndRequiredAgainWhenTheHostChanges()
    {
        var stored = new Dictionary<string, string> { ["subdomain"] = "acme", ["email"] = "a@acme.com" };
        var saved = new HashSet<string> { "api_token" };

        Assert.Empty(Errors("zendesk", new() { ["subdomain"] = "acme", ["email"] = "b@acme.com", ["api_token"] = "" }, stored, saved));
        var errors = Errors("zendesk", new() { ["subdomain"] = "other", ["email"] = "a@acme.com", ["api_token"] = null }, stored, saved);
        Assert.Contains("again", Assert.Single(errors["api_token"]));
    }

    [Fact]
    public void MailchimpKey_WithoutADataCenter_IsRejected()
    {
        var errors = Errors("mailchimp", new() { ["api_key"] = "0123456789abcdef0123456789abcdef" });
        Assert.Contains("-us21", Assert.Single(errors["api_key"]));
    }

    [Fact]
    public void PerFieldValidation_ReportsOnlyThatField()
    {
        var provider = Catalog.FindProvider("zendesk")!;
        var submission = CredentialSubmission.Create(provider, new Dictionary<string, string?> { ["subdomain"] = "Bad.Value", ["email"] = "x" });

        var result = Validators.For(provider).Validate(submission, o => o.IncludeProperties("email"));

        Assert.Equal(["email"], result.Errors.Select(e => e.PropertyName).Distinct());
    }
}
