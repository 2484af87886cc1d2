using System.Security.Cryptography;
using System.Text;
using AgentHub.Core.Common;
using AgentHub.Core.Webhooks;
using AgentHub.Integrations.Catalog;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AgentHub.Tests.Core;

/// <summary>
/// Each provider's scheme, as the catalog describes it, against known answers computed apart from AgentHub (Python's
/// hmac module, for the body below and the secret "kat-secret"), then against tampering: a changed byte, a stale
/// timestamp, and a signature over re-serialised JSON instead of the raw bytes.
/// </summary>
public sealed class WebhookVerifierTests
{
    private const string Secret = "kat-secret";
    private const string Body = """{"id":"evt-1","type":"zen:event-type:ticket.created","detail":{"id":"123"}}""";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1764000000); // 2025-11-24T16:00:00Z

    private readonly FakeTimeProvider _clock = new(Now.AddDays(-1));
    private readonly WebhookVerifier _verifier;

    public WebhookVerifierTests() =>
        _verifier = new WebhookVerifier(_clock, Options.Create(new AppOptions { PublicBaseUrl = "https://hub.acme.test" }));

    public static TheoryData<string, string, string> KnownAnswers => new()
    {
        { "instagram", "X-Hub-Signature-256", "sha256=71eaf8c78f8a696045bbf798fa9cf800ffa1f7706458834a00b9745d5424cf9f" },
        { "facebook", "X-Hub-Signature-256", "sha256=71eaf8c78f8a696045bbf798fa9cf800ffa1f7706458834a00b9745d5424cf9f" },
        { "twitter", "x-twitter-webhooks-signature", "sha256=cer4x4+KaWBFu/eY+pz4AP+h93BkWINKALl0XVQkz58=" },
        { "linkedin", "X-LI-Signature", "71eaf8c78f8a696045bbf798fa9cf800ffa1f7706458834a00b9745d5424cf9f" },
        { "tiktok", "TikTok-Signature", "t=1764000000,s=b25d684c003688bf636f7e99a7e02f0647bb017aad403522d54b2497262cb8ae" },
        { "zendesk", "X-Zendesk-Webhook-Signature", "2tO08Zn+zNqqBzZO5F5boUMXHwulRqqE5iNEOwI4Wzs=" },
        { "intercom", "X-Hub-Signature", "sha1=140a2260458e0f0a777129230a83b0d1a1ffcf10" },
        { "hubspot", "X-HubSpot-Signature-v3", "8DKSKf+OXuj99QRINs8ewAei5rZv6Ty6xsl4fBFSpcA=" },
    };

    private static Dictionary<string, string> Timestamps(string provider) => provider switch
    {
        "zendesk" => new() { ["X-Zendesk-Webhook-Signature-Timestamp"] = "2026-11-24T12:00:00Z" },
        "hubspot" => new() { ["X-HubSpot-Request-Timestamp"] = "1764000000000" },
        _ => [],
    };

    private WebhookRejection Verify(string provider, Dictionary<string, string> headers, byte[] body, string path = "/hooks/hubspot/kat-key-0123456789")
    {
        var hook = CatalogLoader.LoadEmbedded().FindProvider(provider)!.Webhook!;
        var secrets = new Dictionary<string, string> { [hook.SecretField!] = Secret };
        var lookup = new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase);
        return _verifier.Verify(hook, secrets, new WebhookRequest("POST", path, name => lookup.GetValueOrDefault(name), body));
    }

    [Theory]
    [MemberData(nameof(KnownAnswers))]
    public void TheKnownAnswer_IsVerified_AndEveryTamperingIsRefused(string provider, string header, string signature)
    {
        if (provider == "zendesk")
        {
            _clock.SetUtcNow(DateTimeOffset.Parse("2026-11-24T12:02:00Z"));
        }
        else
        {
            _clock.SetUtcNow(provider == "hubspot" ? Now.AddMinutes(4) : Now);
        }

        var headers = new Dictionary<string, string>(Timestamps(provider)) { [header] = signature };
        var body = Encoding.UTF8.GetBytes(Body);

        Assert.Equal(WebhookRejection.None, Verify(provider, headers, body));

        var changed = (byte[])body.Clone();
        changed[10] ^= 0x01;
        Assert.Equal(WebhookRejection.BadSignature, Verify(provider, headers, changed));

        // The same JSON re-serialised (indented, as a framework's model binding would produce) is not what was signed.
        var reserialised = Encoding.UTF8.GetBytes(System.Text.Json.Nodes.JsonNode.Parse(Body)!.ToJsonString(new() { WriteIndented = true }));
        Assert.Equal(WebhookRejection.BadSignature, Verify(provider, headers, reserialised));

        Assert.Equal(WebhookRejection.MissingSignature, Verify(provider, Timestamps(provider), body));
    }

    [Theory]
    [InlineData("zendesk", "X-Zendesk-Webhook-Signature", "2tO08Zn+zNqqBzZO5F5boUMXHwulRqqE5iNEOwI4Wzs=", "2026-11-24T12:05:01Z")]
    [InlineData("zendesk", "X-Zendesk-Webhook-Signature", "2tO08Zn+zNqqBzZO5F5boUMXHwulRqqE5iNEOwI4Wzs=", "2026-11-24T11:54:59Z")]
    [InlineData("hubspot", "X-HubSpot-Signature-v3", "8DKSKf+OXuj99QRINs8ewAei5rZv6Ty6xsl4fBFSpcA=", "2025-11-24T16:05:01Z")]
    [InlineData("tiktok", "TikTok-Signature", "t=1764000000,s=b25d684c003688bf636f7e99a7e02f0647bb017aad403522d54b2497262cb8ae", "2025-11-24T16:05:01Z")]
    public void ASignedTimestampOutsideFiveMinutes_IsRefused_EvenWithAValidSignature(string provider, string header, string signature, string now)
    {
        _clock.SetUtcNow(DateTimeOffset.Parse(now));
        var headers = new Dictionary<string, string>(Timestamps(provider)) { [header] = signature };

        Assert.Equal(WebhookRejection.StaleTimestamp, Verify(provider, headers, Encoding.UTF8.GetBytes(Body)));
    }

    [Fact]
    public void HubSpot_SignsThePublicAddress_NotTheHostTheRequestNamed()
    {
        _clock.SetUtcNow(Now);
        var headers = new Dictionary<string, string>(Timestamps("hubspot")) { ["X-HubSpot-Signature-v3"] = "8DKSKf+OXuj99QRINs8ewAei5rZv6Ty6xsl4fBFSpcA=" };
        var verifier = new WebhookVerifier(_clock, Options.Create(new AppOptions { PublicBaseUrl = "https://evil.example" }));
        var hook = CatalogLoader.LoadEmbedded().FindProvider("hubspot")!.Webhook!;

        var result = verifier.Verify(hook, new Dictionary<string, string> { ["client_secret"] = Secret },
            new WebhookRequest("POST", "/hooks/hubspot/kat-key-0123456789", h => headers.GetValueOrDefault(h), Encoding.UTF8.GetBytes(Body)));

        Assert.Equal(WebhookRejection.BadSignature, result);
    }

    [Fact]
    public void SendGrid_VerifiesAnEcdsaP256Signature_WithTheAccountsPublicKey()
    {
        _clock.SetUtcNow(Now);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var hook = CatalogLoader.LoadEmbedded().FindProvider("sendgrid")!.Webhook!;
        var body = Encoding.UTF8.GetBytes("""[{"email":"ann@example.com","event":"bounce","sg_event_id":"e1"}]""");
        var timestamp = Now.ToUnixTimeSeconds().ToString();
        byte[] Signed(byte[] bytes) => Encoding.UTF8.GetBytes(timestamp).Concat(bytes).ToArray();
        WebhookRejection Check(ECDsa publicKey, byte[] sent, string signature) => _verifier.Verify(
            hook,
            new Dictionary<string, string> { ["public_key"] = Convert.ToBase64String(publicKey.ExportSubjectPublicKeyInfo()) },
            new WebhookRequest("POST", "/hooks/sendgrid/k", h => h switch
            {
                "X-Twilio-Email-Event-Webhook-Signature" => signature,
                "X-Twilio-Email-Event-Webhook-Timestamp" => timestamp,
                _ => null,
            }, sent));

        var signature = Convert.ToBase64String(key.SignData(Signed(body), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));

        Assert.Equal(WebhookRejection.None, Check(key, body, signature));
        Assert.Equal(WebhookRejection.BadSignature, Check(other, body, signature));
        var changed = (byte[])body.Clone();
        changed[5] ^= 0x20;
        Assert.Equal(WebhookRejection.BadSignature, Check(key, changed, signature));
        _clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(WebhookRejection.StaleTimestamp, Check(key, body, signature));
    }

    [Fact]
    public void TwitterCrc_AnswersTheKnownResponseToken() =>
        Assert.Equal("sha256=SZrSwyCQlHW8u7Y2KJD2FlRBYb7mlrt5P+MeUt8DTzk=", WebhookVerifier.TwitterCrcResponse(Secret, "challenge-123"));

    [Fact]
    public void UnsignedProviders_CheckBasicCredentials_WhereTheWorkspaceSetThem()
    {
        var hook = CatalogLoader.LoadEmbedded().FindProvider("pipedrive")!.Webhook!;
        var secrets = new Dictionary<string, string> { ["basic_username"] = "u", ["basic_password"] = "p" };
        WebhookRejection Check(string? authorization) =>
            _verifier.Verify(hook, secrets, new WebhookRequest("POST", "/hooks/pipedrive/k", h => h == "Authorization" ? authorization : null, "{}"u8.ToArray()));

        Assert.Equal(WebhookRejection.None, Check("Basic " + Convert.ToBase64String("u:p"u8.ToArray())));
        Assert.Equal(WebhookRejection.BadBasicCredentials, Check("Basic " + Convert.ToBase64String("u:q"u8.ToArray())));
        Assert.Equal(WebhookRejection.BadBasicCredentials, Check(null));
        Assert.Equal(WebhookRejection.None, _verifier.Verify(hook, new Dictionary<string, string>(),
            new WebhookRequest("POST", "/hooks/pipedrive/k", _ => null, "{}"u8.ToArray())));
    }

    [Fact]
    public void ASignedProviderWithoutItsSecret_RefusesEverything()
    {
        var hook = CatalogLoader.LoadEmbedded().FindProvider("intercom")!.Webhook!;
        Assert.Equal(WebhookRejection.NotConfigured, _verifier.Verify(hook, new Dictionary<string, string>(),
            new WebhookRequest("POST", "/hooks/intercom/k", _ => "sha1=00", "{}"u8.ToArray())));
    }
}
