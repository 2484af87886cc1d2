using System.Text;
using AgentHub.Core.Catalog;
using AgentHub.Integrations.Catalog;

namespace AgentHub.Tests.Integrations;

/// <summary>The catalog's webhook schemes: one per provider of the signature table, and the startup checks that refuse a broken one.</summary>
public sealed class WebhookCatalogTests
{
    [Fact]
    public void EveryProviderOfTheSignatureTable_HasItsScheme()
    {
        var catalog = CatalogLoader.LoadEmbedded();
        var expected = new Dictionary<string, WebhookAlgorithm>
        {
            ["instagram"] = WebhookAlgorithm.HmacSha256,
            ["facebook"] = WebhookAlgorithm.HmacSha256,
            ["twitter"] = WebhookAlgorithm.HmacSha256,
            ["linkedin"] = WebhookAlgorithm.HmacSha256,
            ["tiktok"] = WebhookAlgorithm.HmacSha256,
            ["zendesk"] = WebhookAlgorithm.HmacSha256,
            ["hubspot"] = WebhookAlgorithm.HmacSha256,
            ["intercom"] = WebhookAlgorithm.HmacSha1,
            ["sendgrid"] = WebhookAlgorithm.EcdsaP256Sha256,
            ["mailchimp"] = WebhookAlgorithm.None,
            ["pipedrive"] = WebhookAlgorithm.None,
            ["brevo"] = WebhookAlgorithm.None,
            ["mixpanel"] = WebhookAlgorithm.None,
            ["amplitude"] = WebhookAlgorithm.None,
            ["freshdesk"] = WebhookAlgorithm.None,
            ["copy_ai"] = WebhookAlgorithm.None,
        };

        Assert.Equal(expected.OrderBy(kv => kv.Key), catalog.Providers.Where(p => p.Webhook is not null).ToDictionary(p => p.Id, p => p.Webhook!.Algorithm).OrderBy(kv => kv.Key));
    }

    [Theory]
    [InlineData("\"signed_payload\": \"{timestamp}.{body}\"", "\"signed_payload\": \"{timestamp}.{bodx}\"", "the signed payload names an unknown part {bodx}")]
    [InlineData("\"signed_payload\": \"{timestamp}.{body}\"", "\"signed_payload\": \"{timestamp}.{body}{body}\"", "must contain the raw body exactly once")]
    [InlineData("\"X-Zendesk-Webhook-Signature-Timestamp\", \"signed_payload\": \"{timestamp}{body}\"", "\"X-Zendesk-Webhook-Signature-Timestamp\", \"signed_payload\": \"{body}\"",
        "a timestamp is signed exactly when the request carries one")]
    [InlineData("\"secrets\": [{\"name\": \"client_secret\", \"label\": \"Client secret\", \"type\": \"password\", \"required\": true, \"help\": \"Your Intercom",
        "\"secrets\": [{\"name\": \"client_secret\", \"label\": \"Client secret\", \"type\": \"password\", \"required\": false, \"help\": \"Your Intercom",
        "intercom.webhook: a signed scheme needs its secret field among the required secrets")]
    [InlineData("\"name\": \"verify_token\"", "\"name\": \"verify_tokn\"", "Meta's handshake needs a verify_token secret")]
    [InlineData("\"X-Twilio-Email-Event-Webhook-Signature\", \"signature_encoding\": \"base64\"", "\"X-Twilio-Email-Event-Webhook-Signature\", \"signature_encoding\": \"hex\"",
        "an ECDSA signature is base64")]
    [InlineData("{\"algorithm\": \"none\", \"handshake\": \"mailchimp\"", "{\"algorithm\": \"none\", \"signature_header\": \"X-Sig\", \"handshake\": \"mailchimp\"",
        "an unsigned scheme has no signature")]
    [InlineData("\"agent\": \"cassie\"", "\"agent\": \"penn\"", "names penn, which does not use Zendesk")]
    [InlineData("reply to ticket {id}", "reply to ticket {ticket}", "may only use {id} and {type}")]
    [InlineData("\"algorithm\": \"hmac_sha1\"", "\"algorithm\": \"md5\"", "webhook.algorithm")]
    public void Loader_RejectsABrokenWebhookScheme(string original, string broken, string expectedProblem)
    {
        using var stream = typeof(CatalogLoader).Assembly.GetManifestResourceStream("AgentHub.Integrations.catalog.json")!;
        var json = new StreamReader(stream).ReadToEnd();
        Assert.Contains(original, json);

        var ex = Assert.ThrowsAny<Exception>(() => CatalogLoader.Load(new MemoryStream(Encoding.UTF8.GetBytes(json.Replace(original, broken)))));
        Assert.True(ex is InvalidDataException or System.Text.Json.JsonException, ex.GetType().Name);
        Assert.Contains(expectedProblem, ex.Message);
    }
}
