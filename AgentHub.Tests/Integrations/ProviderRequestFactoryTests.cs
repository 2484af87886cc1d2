using AgentHub.Core.Connections;
using AgentHub.Integrations;
using AgentHub.Integrations.Catalog;
using AgentHub.Integrations.Checks;
using AgentHub.Integrations.Http;
using AgentHub.Tests.Infrastructure;

namespace AgentHub.Tests.Integrations;

/// <summary>The documented hosts, derived from the fields, without any operator override (nothing is sent).</summary>
public sealed class ProviderRequestFactoryTests
{
    private static readonly IntegrationCatalog Catalog = CatalogLoader.LoadEmbedded();

    private static ProviderRequest Build(string providerId, Dictionary<string, string>? changes = null, IntegrationsOptions? options = null)
    {
        var values = new Dictionary<string, string>(FakeProviders.Get(providerId).Valid);
        foreach (var (key, value) in changes ?? [])
        {
            values[key] = value;
        }

        return new ProviderRequestFactory(new StaticOptions(options ?? new IntegrationsOptions())).Create(Catalog.FindCheck(providerId)!, values);
    }

    [Theory]
    [InlineData("instagram", "https://graph.facebook.com/v21.0/17841400000000001?fields=id,username")]
    [InlineData("twitter", "https://api.x.com/2/users/me")]
    [InlineData("linkedin", "https://api.linkedin.com/v2/userinfo")]
    [InlineData("facebook", "https://graph.facebook.com/v21.0/104000000000001?fields=id,name")]
    [InlineData("tiktok", "https://open.tiktokapis.com/v2/user/info/?fields=open_id,display_name")]
    [InlineData("zendesk", "https://acme.zendesk.com/api/v2/users/me.json")]
    [InlineData("intercom", "https://api.eu.intercom.io/me")]
    [InlineData("freshdesk", "https://acme.freshdesk.com/api/v2/agents/me")]
    [InlineData("google_search_console", "https://www.googleapis.com/webmasters/v3/sites")]
    [InlineData("semrush", "https://www.semrush.com/users/countapiunits.html?key=semrush-valid-key-0123")]
    [InlineData("ahrefs", "https://api.ahrefs.com/v3/subscription-info/limits-and-usage")]
    [InlineData("google_analytics", "https://analyticsadmin.googleapis.com/v1beta/accountSummaries")]
    [InlineData("mixpanel", "https://eu.mixpanel.com/api/app/me")]
    [InlineData("amplitude", "https://amplitude.com/api/2/events/list")]
    [InlineData("salesforce", "https://acme.my.salesforce.com/services/oauth2/userinfo")]
    [InlineData("hubspot", "https://api.hubapi.com/account-info/v3/details")]
    [InlineData("pipedrive", "https://api.pipedrive.com/v1/users/me")]
    [InlineData("mailchimp", "https://us21.api.mailchimp.com/3.0/")]
    [InlineData("sendgrid", "https://api.sendgrid.com/v3/scopes")]
    [InlineData("brevo", "https://api.brevo.com/v3/account")]
    [InlineData("grammarly", "https://auth.grammarly.com/v4/api/oauth2/token")]
    [InlineData("copy_ai", "https://api.copy.ai/api/webhook")]
    [InlineData("jasper", "https://api.jasper.ai/v1/users?limit=1")]
    public void EachProvider_TargetsItsDocumentedHttpsUrl(string providerId, string url)
    {
        var request = Build(providerId);

        Assert.Equal(url, request.Message!.RequestUri!.ToString());
        Assert.False(request.Message.IsOperatorTarget());
    }

    [Theory]
    [InlineData("intercom", "region", "", "api.intercom.io")]
    [InlineData("intercom", "region", "us", "api.intercom.io")]
    [InlineData("intercom", "region", "au", "api.au.intercom.io")]
    [InlineData("mixpanel", "region", "us", "mixpanel.com")]
    [InlineData("mixpanel", "region", "in", "in.mixpanel.com")]
    [InlineData("amplitude", "region", "eu", "analytics.eu.amplitude.com")]
    [InlineData("mailchimp", "api_key", "abc-us6", "us6.api.mailchimp.com")]
    [InlineData("salesforce", "instance_url", "https://acme--uat.sandbox.my.salesforce.com", "acme--uat.sandbox.my.salesforce.com")]
    [InlineData("zendesk", "subdomain", "support-eu", "support-eu.zendesk.com")]
    public void DerivedHosts_AreDerivedFromTheirFields(string providerId, string field, string value, string host)
    {
        var request = Build(providerId, new() { [field] = value });

        Assert.Equal(host, request.Message!.RequestUri!.Host);
    }

    [Fact]
    public void AMailchimpKeyWithoutADataCenter_IsInvalidInput()
    {
        var request = Build("mailchimp", new() { ["api_key"] = "0123456789abcdef0123456789abcdef" });

        Assert.Equal(OutcomeReason.InvalidInput, request.Invalid!.Reason);
        Assert.Contains("-us21", request.Invalid.Message);
        Assert.DoesNotContain("0123456789abcdef", request.Invalid.Message);
    }

    [Fact]
    public void AnOperatorBaseUrl_ReplacesSchemeHostAndPort_AndKeepsPathAndQuery()
    {
        var options = new IntegrationsOptions();
        options.Providers["jasper"] = new ProviderOverride { BaseUrl = "http://127.0.0.1:8080/sandbox/jasper" };

        var request = Build("jasper", options: options);

        Assert.Equal("http://127.0.0.1:8080/sandbox/jasper/v1/users?limit=1", request.Message!.RequestUri!.ToString());
        Assert.True(request.Message.IsOperatorTarget());
        Assert.Equal("jsp-valid-key", request.Message.Headers.GetValues("X-API-Key").Single());
    }

    [Fact]
    public void TheLoggedTarget_HasNoQueryString()
    {
        var request = Build("semrush");

        Assert.Equal("www.semrush.com", request.Host);
        Assert.Equal("/users/countapiunits.html", request.Path);
    }
}
