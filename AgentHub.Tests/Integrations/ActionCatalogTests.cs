using System.Text;
using AgentHub.Core.Catalog;
using AgentHub.Integrations.Catalog;

namespace AgentHub.Tests.Integrations;

/// <summary>
/// The catalog's actions: a read for every provider, exactly the agreed writes, tool names the model can call, and a
/// validator that stops startup on an action that could leak a credential or reach a host an argument chose.
/// </summary>
public sealed class ActionCatalogTests
{
    private static readonly IntegrationCatalog Catalog = CatalogLoader.LoadEmbedded();

    private static readonly string[] Writes =
    [
        "instagram_publish_post", "twitter_create_post", "facebook_publish_post", "zendesk_reply_to_ticket", "freshdesk_reply_to_ticket",
        "intercom_reply_to_conversation", "hubspot_create_contact", "pipedrive_create_deal", "salesforce_create_lead",
        "mailchimp_create_campaign_draft", "sendgrid_send_email", "brevo_send_email",
    ];

    [Fact]
    public void EveryProvider_HasACachedReadAction()
    {
        Assert.Equal(23, Catalog.Providers.Count);
        foreach (var provider in Catalog.Providers)
        {
            var reads = provider.Actions.Where(a => a.Effect == ActionEffect.Read).ToList();
            Assert.True(reads.Count > 0, $"{provider.Id} has no read action");
            Assert.All(reads, r => Assert.NotNull(r.CacheTtl));
        }
    }

    [Fact]
    public void TheWriteActions_AreExactlyTheAgreedOnes_EachWithAPreview()
    {
        var writes = Catalog.Providers.SelectMany(p => p.Actions).Where(a => a.Effect == ActionEffect.Write).ToList();
        Assert.Equal(Writes.Order(), writes.Select(w => w.ToolName).Order());
        Assert.All(writes, w => Assert.False(string.IsNullOrWhiteSpace(w.Preview)));
        Assert.All(writes, w => Assert.Null(w.CacheTtl));
    }

    [Fact]
    public void ToolNames_AreProviderThenAction_UniqueAndCallable()
    {
        var tools = Catalog.Providers.SelectMany(p => p.Actions.Select(a => (p.Id, a))).ToList();
        Assert.All(tools, t => Assert.Equal($"{t.Id}_{t.a.Name}", t.a.ToolName));
        Assert.All(tools, t => Assert.Matches("^[a-z0-9_]{1,64}$", t.a.ToolName));
        Assert.Equal(tools.Count, tools.Select(t => t.a.ToolName).Distinct().Count());
        Assert.All(tools, t => Assert.Same(t.a, Catalog.FindTool(t.a.ToolName)));
    }

    [Theory]
    [InlineData("\"url\": \"https://api.semrush.com/\"", "\"url\": \"https://{domain}/\"", "the host uses {domain}")]
    [InlineData("\"path\": \"/2/tweets\",", "\"path\": \"/2/tweets/{text}\",", "argument text is in the path, so its schema must be an integer, an enum or a pattern")]
    [InlineData("\"preview\": \"Post on X as {account}: {text}\"", "\"preview\": \"\"", "a write needs a preview")]
    [InlineData("\"preview\": \"Post on X as {account}: {text}\"", "\"preview\": \"Post on X: {access_token}\"", "neither an argument, a non-secret field nor {account}")]
    [InlineData("\"title\": \"Post on X\"", "\"title\": \"\"", "an action needs a title people read")]
    [InlineData("\"image_argument\": \"image_url\"", "\"image_argument\": \"picture\"", "image_argument names picture, which is not an argument")]
    [InlineData("\"result_link\": \"https://x.com/i/web/status/{result.data.id}\"", "\"result_link\": \"https://x.com/i/web/status/{result.data.secret}\"", "neither a kept result path nor a non-secret field")]
    [InlineData("\"result_link\": \"https://x.com/i/web/status/{result.data.id}\"", "\"result_link\": \"http://x.com/i/web/status/{result.data.id}\"", "result_link is an https link")]
    [InlineData("\"caption\": \"{caption}\"", "\"caption\": \"{captoin}\"", "{captoin} is neither a field, an argument nor a value captured")]
    [InlineData("\"image_url\": {", "\"access_token\": {", "argument access_token has the name of a field")]
    [InlineData("\"additionalProperties\": false", "\"additionalProperties\": true", "parameters must set additionalProperties to false")]
    [InlineData("\"effect\": \"write\"", "\"effect\": \"delete\"", "ActionEffect")]
    public void Loader_RejectsAnUnsafeAction(string original, string broken, string expectedProblem)
    {
        using var stream = typeof(CatalogLoader).Assembly.GetManifestResourceStream("AgentHub.Integrations.catalog.json")!;
        var json = new StreamReader(stream).ReadToEnd();
        Assert.Contains(original, json);

        var ex = Assert.ThrowsAny<Exception>(() => CatalogLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(json.Replace(original, broken)))));
        Assert.True(ex is InvalidDataException or System.Text.Json.JsonException, ex.GetType().Name);
        Assert.Contains(expectedProblem, ex.Message);
    }
}
