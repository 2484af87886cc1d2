using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using AgentHub.Integrations.Catalog;
using AgentHub.Tests.Infrastructure;

namespace AgentHub.Tests.Integrations;

/// <summary>
/// The catalog's French display texts (catalog.fr.json): complete, checked at startup like the catalog (a missing,
/// empty or extra text, or a preview that names other placeholders, stops it), and read in the person's language.
/// </summary>
public sealed class CatalogTranslationTests
{
    private static readonly IntegrationCatalog English = CatalogLoader.LoadEmbedded();

    private static string FrenchJson() =>
        File.ReadAllText(Path.Combine(Infrastructure.TestPaths.RepositoryRoot, "AgentHub.Integrations", "Catalog", "catalog.fr.json"));

    private static IntegrationCatalog Load(string json) =>
        CatalogLoader.LoadTranslation(English, new MemoryStream(Encoding.UTF8.GetBytes(json)), "fr");

    [Fact]
    public void TheEmbeddedTranslation_IsComplete_AndTranslatesEveryDisplayText()
    {
        var french = CatalogLoader.LoadEmbeddedLocalized().For("fr-FR");

        foreach (var agent in English.Agents)
        {
            var translated = french.FindAgent(agent.Id)!;
            Assert.Equal(agent.Name, translated.Name);
            Assert.NotEqual(agent.Role, translated.Role);
            Assert.NotEqual(agent.Persona, translated.Persona);
            Assert.All(translated.Integrations, i => Assert.NotEqual(agent.FindIntegration(i.ProviderId)!.Description, i.Description));
        }

        foreach (var provider in English.Providers)
        {
            var translated = french.FindProvider(provider.Id)!;
            Assert.NotEqual(provider.Summary, translated.Summary);
            Assert.Equal(provider.Fields.Select(f => f.Name), translated.Fields.Select(f => f.Name));
            Assert.All(translated.Actions, a => Assert.False(string.IsNullOrWhiteSpace(a.Title)));
            // What the model and the provider read is the same in every language.
            Assert.Equal(provider.Actions.Select(a => a.Description), translated.Actions.Select(a => a.Description));
            Assert.Equal(provider.Actions.Select(a => a.Parameters.GetRawText()), translated.Actions.Select(a => a.Parameters.GetRawText()));
        }

        Assert.Equal("Publier sur Instagram", french.FindTool("instagram_publish_post")!.Title);
        Assert.Equal("Publish on Instagram", English.FindTool("instagram_publish_post")!.Title);

        // What a check tells people: a missing grant and a derived value's message, in both the key and OAuth checks.
        var sendgrid = french.FindCheck("sendgrid")!;
        Assert.StartsWith("La clé fonctionne", sendgrid.Spec.Grants.Single(g => g.Message is not null).Message);
        var analytics = french.FindCheck("google_analytics")!;
        Assert.Contains("{property_id}", analytics.SpecFor(oauth: true).Grants.Single(g => g.Message is not null).Message);
        Assert.StartsWith("Le jeton fonctionne", analytics.SpecFor(oauth: true).Grants.Single(g => g.Message is not null).Message);
        Assert.StartsWith("Une clé API Mailchimp", french.FindCheck("mailchimp")!.Spec.Derive!["dc"].Message);
        Assert.StartsWith("A Mailchimp API key", English.FindCheck("mailchimp")!.Spec.Derive!["dc"].Message);
        Assert.Equal(English.FindCheck("sendgrid")!.Spec.Grants.Select(g => g.Path), sendgrid.Spec.Grants.Select(g => g.Path));
        Assert.Equal("Trier le ticket {id} et rédiger une réponse", french.FindProvider("zendesk")!.Webhook!.SuggestedRules.Single().Instruction);
    }

    [Theory]
    [InlineData("agents.soshie.role", "", "agents.soshie.role: missing or empty")]
    [InlineData("providers.zendesk.fields.subdomain.help", null, "providers.zendesk.fields.subdomain.help: missing or empty")]
    [InlineData("providers.instagram.actions.publish_post.title", null, "providers.instagram.actions.publish_post.title: missing or empty")]
    [InlineData("providers.twitter.actions.create_post.preview", "Publier sur X : {text} {access_token}", "providers.twitter.actions.create_post.preview: names")]
    [InlineData("providers.zendesk.fields.no_such_field", "{\"label\":\"x\"}", "providers.zendesk.fields.no_such_field: no such entry")]
    [InlineData("agents.nobody", "{\"role\":\"r\",\"persona\":\"p\",\"integrations\":{}}", "agents.nobody: no such agent")]
    [InlineData("providers.zendesk.webhook.suggested_rules", null, "providers.zendesk.webhook.suggested_rules.ticket.created: missing or empty")]
    [InlineData("providers.hubspot.webhook.suggested_rules", "{\"deal.creation\":\"Étudier l’affaire\"}", "providers.hubspot.webhook.suggested_rules.deal.creation: names {} where the original names {id}")]
    [InlineData("providers.mixpanel.check", null, "providers.mixpanel.check.grants[0]: missing or empty")]
    [InlineData("providers.google_analytics.check.grants", "[\"La propriété {site_url} manque.\"]", "providers.google_analytics.check.grants[0]: names {site_url} where the original names {property_id}")]
    [InlineData("providers.sendgrid.check.grants", "[\"Il manque mail.send.\", \"En trop.\"]", "providers.sendgrid.check.grants: 2 messages where the catalog's grants have 1")]
    [InlineData("providers.mailchimp.check.derive", "{\"server\":\"x\"}", "providers.mailchimp.check.derive.dc: missing or empty")]
    public void AnIncompleteTranslation_StopsStartup_SayingWhatIsWrong(string path, string? value, string expected)
    {
        var root = JsonNode.Parse(FrenchJson())!;
        var parts = path.Split('.');
        var parent = parts[..^1].Aggregate(root, (node, part) => node[part]!);
        if (value is null)
        {
            parent.AsObject().Remove(parts[^1]);
        }
        else
        {
            parent[parts[^1]] = value.StartsWith('{') || value.StartsWith('[') ? JsonNode.Parse(value) : JsonValue.Create(value);
        }

        var error = Assert.ThrowsAny<Exception>(() => Load(root.ToJsonString()));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void TheCatalog_FollowsTheCurrentCulture_AndEnglishIsTheDefault()
    {
        var catalogs = CatalogLoader.LoadEmbeddedLocalized();
        using var culture = TestCulture.Use("fr-CA");
        Assert.Equal("Responsable des réseaux sociaux", catalogs.FindAgent("soshie")!.Role);
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de-DE");
        Assert.Equal("Social Media Manager", catalogs.FindAgent("soshie")!.Role);
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        Assert.Equal("Social Media Manager", catalogs.FindAgent("soshie")!.Role);
    }
}
