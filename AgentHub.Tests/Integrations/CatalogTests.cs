using System.Text;
using AgentHub.Integrations.Catalog;

namespace AgentHub.Tests.Integrations;

/// <summary>The catalog against the contract in shared/providers.md, and every entry checked for completeness.</summary>
public sealed class CatalogTests
{
    private static readonly IntegrationCatalog Catalog = CatalogLoader.LoadEmbedded();

    // From shared/providers.md: agent → integrations in order.
    private static readonly (string Id, string Name, string Role, string[] Providers)[] Agents =
    [
        ("soshie", "Soshie", "Social Media Manager", ["instagram", "twitter", "linkedin", "facebook", "tiktok"]),
        ("cassie", "Cassie", "Customer Support", ["zendesk", "intercom", "freshdesk"]),
        ("seomi", "Seomi", "SEO Specialist", ["google_search_console", "semrush", "ahrefs", "google_analytics"]),
        ("dexter", "Dexter", "Data Analyst", ["google_analytics", "mixpanel", "amplitude"]),
        ("buddy", "Buddy", "Business Development", ["linkedin", "salesforce", "hubspot", "pipedrive"]),
        ("emmie", "Emmie", "Email Marketing", ["mailchimp", "sendgrid", "brevo", "hubspot"]),
        ("penn", "Penn", "Copywriter", ["grammarly", "copy_ai", "jasper"]),
    ];

    // From shared/providers.md: id → name, category, fields (name:type, * = required).
    public static readonly TheoryData<string, string, string, string> Providers = new()
    {
        { "instagram", "Instagram", "social_media", "access_token:password*, instagram_account_id:text*" },
        { "twitter", "Twitter / X", "social_media", "access_token:password*" },
        { "linkedin", "LinkedIn", "social_media", "access_token:password*, organization_urn:text" },
        { "facebook", "Facebook", "social_media", "page_access_token:password*, page_id:text*" },
        { "tiktok", "TikTok", "social_media", "access_token:password*" },
        { "zendesk", "Zendesk", "customer_support", "subdomain:text*, email:email*, api_token:password*" },
        { "intercom", "Intercom", "customer_support", "access_token:password*, region:text" },
        { "freshdesk", "Freshdesk", "customer_support", "domain:text*, api_key:password*" },
        { "google_search_console", "Google Search Console", "seo", "access_token:password*, site_url:text*" },
        { "semrush", "SEMrush", "seo", "api_key:password*" },
        { "ahrefs", "Ahrefs", "seo", "api_key:password*" },
        { "google_analytics", "Google Analytics", "analytics", "access_token:password*, property_id:text*" },
        { "mixpanel", "Mixpanel", "analytics", "service_account_username:text*, service_account_secret:password*, project_id:text*, region:text" },
        { "amplitude", "Amplitude", "analytics", "api_key:password*, secret_key:password*, region:text" },
        { "salesforce", "Salesforce", "crm", "instance_url:url*, access_token:password*" },
        { "hubspot", "HubSpot", "crm", "access_token:password*" },
        { "pipedrive", "Pipedrive", "crm", "api_token:password*, company_domain:text" },
        { "mailchimp", "Mailchimp", "email", "api_key:password*" },
        { "sendgrid", "SendGrid", "email", "api_key:password*" },
        { "brevo", "Brevo", "email", "api_key:password*" },
        { "grammarly", "Grammarly", "content", "client_id:text*, client_secret:password*" },
        { "copy_ai", "Copy.ai", "content", "api_key:password*" },
        { "jasper", "Jasper", "content", "api_key:password*" },
    };

    /// <summary>The first agent (in catalog order) that uses a provider.</summary>
    public static string AgentOf(string providerId) => Catalog.AgentsUsing(providerId)[0].Id;

    public static TheoryData<string> ProviderIds => new(Catalog.Providers.Select(p => p.Id));

    [Fact]
    public void Agents_MatchTheContract()
    {
        Assert.Equal(Agents.Select(a => a.Id), Catalog.Agents.Select(a => a.Id));
        foreach (var (id, name, role, providers) in Agents)
        {
            var agent = Catalog.FindAgent(id)!;
            Assert.Equal(name, agent.Name);
            Assert.Equal(role, agent.Role);
            Assert.Equal(providers, agent.Integrations.Select(i => i.ProviderId));
            Assert.All(agent.Integrations, i => Assert.False(string.IsNullOrWhiteSpace(i.Description)));
            Assert.False(string.IsNullOrWhiteSpace(agent.Persona));
        }

        Assert.Equal(26, Catalog.Agents.Sum(a => a.Integrations.Count));
        Assert.Equal(23, Catalog.Providers.Count);
        Assert.Equal(23, Catalog.Providers.Select(p => p.Id).Distinct().Count());
        Assert.Equal(["buddy", "soshie"], Catalog.AgentsUsing("linkedin").Select(a => a.Id).Order());
        Assert.Equal(["dexter", "seomi"], Catalog.AgentsUsing("google_analytics").Select(a => a.Id).Order());
        Assert.Equal(["buddy", "emmie"], Catalog.AgentsUsing("hubspot").Select(a => a.Id).Order());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Provider_MatchesTheContract(string id, string name, string category, string fields)
    {
        var provider = Catalog.FindProvider(id);

        Assert.NotNull(provider);
        Assert.Equal(name, provider.Name);
        Assert.Equal(category, provider.Category);
        var actual = string.Join(", ", provider.Fields.Select(f => $"{f.Name}:{f.TypeName}{(f.Required ? "*" : "")}"));
        Assert.Equal(fields, actual);
    }

    [Theory]
    [MemberData(nameof(ProviderIds))]
    public void Provider_IsCompleteAndConsistent(string id)
    {
        var check = Catalog.FindCheck(id)!;
        var provider = check.Provider;
        var spec = check.Spec;

        Assert.StartsWith("/icons/", provider.Icon);
        Assert.StartsWith("https://", provider.DocsUrl);
        Assert.False(string.IsNullOrWhiteSpace(provider.Summary));
        Assert.Contains(provider.Fields, f => f.IsSecret);
        Assert.All(provider.Fields, f =>
        {
            Assert.False(string.IsNullOrWhiteSpace(f.Label));
            Assert.False(string.IsNullOrWhiteSpace(f.Help));
            Assert.False(string.IsNullOrWhiteSpace(f.Placeholder));
        });

        // The check request goes to an https host written in the catalog.
        Assert.StartsWith("https://", spec.Url);
        var host = CatalogTemplates.HostPart(spec.Url);
        Assert.Matches(@"^([a-z0-9-]+|\{[a-z_]+\})(\.[a-z0-9-]+)*$", host);

        // Every placeholder is backed by a field or a derived value, and every secret is sent.
        var names = provider.Fields.Select(f => f.Name).ToHashSet();
        var derived = spec.Derive ?? new Dictionary<string, DeriveSpec>();
        var placeholders = CatalogTemplates.TemplatesOf(spec).SelectMany(CatalogTemplates.Placeholders).ToList();
        Assert.All(placeholders, p => Assert.True(names.Contains(p) || derived.ContainsKey(p), $"{{{p}}} is not backed"));
        var sent = placeholders.Select(p => derived.TryGetValue(p, out var d) ? d.From : p).ToHashSet();
        Assert.All(provider.SecretFields, f => Assert.Contains(f.Name, sent));

        // A success needs more than a status: an identity field, or the access being checked.
        Assert.True(spec.Expect.Count + spec.Grants.Count > 0 || spec.TextPattern is not null);

        // Outcome messages may quote values, but never a secret's.
        var messagePlaceholders = spec.Grants.Where(g => g.Message is not null).SelectMany(g => CatalogTemplates.Placeholders(g.Message!));
        Assert.All(messagePlaceholders, p => Assert.False(provider.FindField(p)?.IsSecret ?? false));

        Assert.True(check.RateLimit.Permits > 0 && check.RateLimit.WindowSeconds > 0);
    }

    [Fact]
    public void RoutingFields_AreTheFieldsThatDecideTheHost()
    {
        Assert.Equal(["subdomain"], Catalog.FindProvider("zendesk")!.RoutingFields);
        Assert.Equal(["domain"], Catalog.FindProvider("freshdesk")!.RoutingFields);
        Assert.Equal(["instance_url"], Catalog.FindProvider("salesforce")!.RoutingFields);
        Assert.Equal(["region"], Catalog.FindProvider("intercom")!.RoutingFields);
        Assert.Equal(["region"], Catalog.FindProvider("mixpanel")!.RoutingFields);
        Assert.Empty(Catalog.FindProvider("hubspot")!.RoutingFields);
    }

    [Theory]
    [InlineData("\"url\": \"https://api.x.com/2/users/me\"", "\"url\": \"http://api.x.com/2/users/me\"", "must be https")]
    [InlineData(
        "\"token\": \"{access_token}\" },\n        \"expect\": [ { \"path\": \"data.id\" } ]",
        "\"token\": \"{acess_token}\" },\n        \"expect\": [ { \"path\": \"data.id\" } ]",
        "backed by no field")]
    [InlineData(
        "\"url\": \"https://{subdomain}.zendesk.com/api/v2/users/me.json\"",
        "\"url\": \"https://{email}.zendesk.com/api/v2/users/me.json\"",
        "DNS label")]
    [InlineData("{ \"provider\": \"jasper\",", "{ \"provider\": \"jaspr\",", "unknown provider")]
    [InlineData(
        "\"method\": \"GET\", \"url\": \"https://api.x.com/2/users/me\"",
        "\"method\": \"DELETE\", \"url\": \"https://api.x.com/2/users/me\"",
        "CheckMethod")]
    [InlineData(
        "\"auth\": { \"type\": \"bearer\", \"token\": \"{access_token}\" },\n        \"expect\": [ { \"path\": \"id\", \"equals\": \"{instagram_account_id}\" } ]",
        "\"auth\": { \"type\": \"digest\", \"token\": \"{access_token}\" },\n        \"expect\": [ { \"path\": \"id\", \"equals\": \"{instagram_account_id}\" } ]",
        "AuthType")]
    [InlineData("\"in\": [\"190\"], \"reason\": \"auth_invalid\" }", "\"in\": [\"190\"], \"reason\": \"auth_broken\" }", "OutcomeReason")]
    [InlineData("\"body\": \"text\",", "\"body\": \"xml\",", "CheckBody")]
    // The oauth block: https endpoints, DNS-label host placeholders from settings, a secret token field, known enums.
    [InlineData(
        "\"token_url\": \"https://api.hubapi.com/oauth/v1/token\"",
        "\"token_url\": \"http://api.hubapi.com/oauth/v1/token\"",
        "token_url must be an https URL")]
    [InlineData(
        "\"authorize_url\": \"https://{subdomain}.zendesk.com/oauth/authorizations/new\"",
        "\"authorize_url\": \"https://{email}.zendesk.com/oauth/authorizations/new\"",
        "must be a setting constrained to a DNS label")]
    [InlineData("\"settings\": [\"site_url\"]", "\"settings\": [\"access_token\"]", "setting access_token is not a non-secret field")]
    [InlineData("\"token_field\": \"page_access_token\"", "\"token_field\": \"page_id\"", "token_field page_id is not a secret field")]
    [InlineData("\"pkce\": \"required\"", "\"pkce\": \"maybe\"", "PkceMode")]
    [InlineData("\"token_param\": \"fb_exchange_token\"}", "\"token_param\": \"\"}", "long_lived needs a grant_type")]
    [InlineData("\"client_auth\": \"client_secret_basic\"", "\"client_auth\": \"private_key_jwt\"", "ClientAuthMethod")]
    [InlineData(
        "\"check\": {\"url\": \"https://{dc}.api.mailchimp.com/3.0/\"",
        "\"check\": {\"url\": \"https://{datacenter}.api.mailchimp.com/3.0/\"",
        "placeholder {datacenter} is backed by no setting, token or kept value")]
    [InlineData(
        "\"host_suffixes\": [\".pipedrive.com\"]",
        "\"host_suffixes\": []",
        "derived host api_host needs host_suffixes")]
    public void Loader_RejectsABrokenCatalog(string original, string broken, string expectedProblem)
    {
        using var stream = typeof(CatalogLoader).Assembly.GetManifestResourceStream("AgentHub.Integrations.catalog.json")!;
        var json = new StreamReader(stream).ReadToEnd();
        Assert.Contains(original, json);

        // Inconsistencies are listed by the validator; unknown enum names already fail the strict reader.
        var ex = Assert.ThrowsAny<Exception>(() => CatalogLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(json.Replace(original, broken)))));
        Assert.True(ex is InvalidDataException or System.Text.Json.JsonException, ex.GetType().Name);
        Assert.Contains(expectedProblem, ex.Message);
    }
}
