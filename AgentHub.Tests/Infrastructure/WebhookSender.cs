using System.Security.Cryptography;
using System.Text;

namespace AgentHub.Tests.Infrastructure;

/// <summary>
/// A provider's side of webhooks, written per provider from its documentation (not from AgentHub's catalog): the
/// secrets it gives the workspace, a sample event of its own shape, and the headers it signs a delivery with.
/// </summary>
public sealed record WebhookSender(string ProviderId, string Agent, Dictionary<string, string> Secrets, string SampleBody, string? ContentType = "application/json")
{
    /// <summary>The SendGrid account's key pair (the public half is what the workspace enters).</summary>
    public static readonly ECDsa SendGridKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public static readonly IReadOnlyList<WebhookSender> All =
    [
        new("instagram", "soshie", new() { ["app_secret"] = "ig-app-secret-1", ["verify_token"] = "ig-verify-token" },
            """{"object":"instagram","entry":[{"id":"17841400000000000","time":1764000000,"changes":[{"field":"comments","value":{"id":"17865799348089039","text":"Love it!"}}]}]}"""),
        new("facebook", "soshie", new() { ["app_secret"] = "fb-app-secret-1", ["verify_token"] = "fb-verify-token" },
            """{"object":"page","entry":[{"id":"1234567890","time":1764000000,"changes":[{"field":"feed","value":{"item":"comment","post_id":"1234567890_111","verb":"add"}}]}]}"""),
        new("twitter", "soshie", new() { ["consumer_secret"] = "x-consumer-secret-1" },
            """{"for_user_id":"2244994945","tweet_create_events":[{"id_str":"1796000000000000000","text":"@acme hello"}]}"""),
        new("linkedin", "soshie", new() { ["client_secret"] = "li-client-secret-1" },
            """{"type":"ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS","notifications":[{"action":"COMMENT","sourcePost":"urn:li:share:7000000000000000000"}]}"""),
        new("tiktok", "soshie", new() { ["client_secret"] = "tt-client-secret-1" },
            """{"client_key":"aw123","event":"post.publish.complete","create_time":1764000000,"user_openid":"act.example","content":"{\"publish_id\":\"v_pub_1\"}"}"""),
        new("zendesk", "cassie", new() { ["signing_secret"] = "zd-signing-secret-1" },
            """{"type":"zen:event-type:ticket.created","account_id":22129848,"id":"cbe4028c-7239-495d-b020-f22348516046","time":"2026-11-24T12:00:00Z","zendesk_event_version":"2022-11-06","subject":"zen:ticket:123","detail":{"id":"123","subject":"My order is late"},"event":{}}"""),
        new("intercom", "cassie", new() { ["client_secret"] = "ic-client-secret-1" },
            """{"type":"notification_event","app_id":"abc123","topic":"conversation.user.created","id":"notif_ccd8a4d2-3d1b-4f57-8d2c-9f4e3f0d6a8b","data":{"type":"notification_event_data","item":{"type":"conversation","id":"147"}}}"""),
        new("hubspot", "buddy", new() { ["client_secret"] = "hs-client-secret-1" },
            """[{"eventId":1001,"subscriptionId":12345,"portalId":62515,"appId":54321,"occurredAt":1764000000000,"subscriptionType":"deal.creation","attemptNumber":0,"objectId":987654321}]"""),
        new("sendgrid", "emmie", new() { ["public_key"] = Convert.ToBase64String(SendGridKey.ExportSubjectPublicKeyInfo()) },
            """[{"email":"ann@example.com","timestamp":1764000000,"event":"bounce","sg_event_id":"sg-evt-1","sg_message_id":"14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0"}]"""),
        new("mailchimp", "emmie", new(), "type=subscribe&fired_at=2026-11-24+12%3A00%3A00&data%5Bid%5D=8a25ff1d98&data%5Bemail%5D=ann%40example.com",
            "application/x-www-form-urlencoded"),
        new("pipedrive", "buddy", new() { ["basic_username"] = "pd-user", ["basic_password"] = "pd-password-1" },
            """{"event":"added.deal","meta":{"id":42,"action":"added","object":"deal"},"current":{"id":42,"title":"Acme deal"}}"""),
        new("brevo", "emmie", new() { ["basic_username"] = "brevo-user", ["basic_password"] = "brevo-password-1" },
            """{"event":"hard_bounce","email":"ann@example.com","id":26224,"message-id":"<201798300811.5787683@relay.domain.com>","ts_event":1764000000}"""),
        new("freshdesk", "cassie", new(),
            """{"event":"ticket.created","ticket_id":77,"subject":"Where is my parcel?"}"""),
        new("mixpanel", "dexter", new() { ["basic_username"] = "mp-user", ["basic_password"] = "mp-password-1" },
            """{"action":"members","parameters":{"mixpanel_cohort_id":"1234","members":[{"email":"ann@example.com"}]}}"""),
        new("amplitude", "dexter", new(), """{"event_type":"Purchase","user_id":"user-9","event_time":"2026-11-24 12:00:00"}"""),
        new("copy_ai", "penn", new(), """{"type":"workflowRun.completed","workflowRunId":"WRUN-1","workflowId":"WCFG-1","result":{"text":"Done"}}"""),
    ];

    public static WebhookSender For(string providerId) => All.Single(s => s.ProviderId == providerId);

    /// <summary>The headers the provider sends with <paramref name="body"/> to <paramref name="address"/> at <paramref name="at"/>.</summary>
    public Dictionary<string, string> Sign(byte[] body, string address, DateTimeOffset at)
    {
        var seconds = at.ToUnixTimeSeconds().ToString();
        switch (ProviderId)
        {
            case "instagram" or "facebook":
                return new() { ["X-Hub-Signature-256"] = "sha256=" + Hex(HMACSHA256.HashData(Key("app_secret"), body)) };
            case "twitter":
                return new() { ["x-twitter-webhooks-signature"] = "sha256=" + Convert.ToBase64String(HMACSHA256.HashData(Key("consumer_secret"), body)) };
            case "linkedin":
                return new() { ["X-LI-Signature"] = Hex(HMACSHA256.HashData(Key("client_secret"), body)) };
            case "tiktok":
                return new() { ["TikTok-Signature"] = $"t={seconds},s=" + Hex(HMACSHA256.HashData(Key("client_secret"), Concat(seconds + ".", body))) };
            case "zendesk":
                var iso = at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ");
                return new()
                {
                    ["X-Zendesk-Webhook-Signature"] = Convert.ToBase64String(HMACSHA256.HashData(Key("signing_secret"), Concat(iso, body))),
                    ["X-Zendesk-Webhook-Signature-Timestamp"] = iso,
                };
            case "intercom":
                return new() { ["X-Hub-Signature"] = "sha1=" + Hex(HMACSHA1.HashData(Key("client_secret"), body)) };
            case "hubspot":
                var millis = at.ToUnixTimeMilliseconds().ToString();
                var source = Concat("POST" + address, body).Concat(Encoding.UTF8.GetBytes(millis)).ToArray();
                return new()
                {
                    ["X-HubSpot-Signature-v3"] = Convert.ToBase64String(HMACSHA256.HashData(Key("client_secret"), source)),
                    ["X-HubSpot-Request-Timestamp"] = millis,
                };
            case "sendgrid":
                return new()
                {
                    ["X-Twilio-Email-Event-Webhook-Signature"] = Convert.ToBase64String(
                        SendGridKey.SignData(Concat(seconds, body), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)),
                    ["X-Twilio-Email-Event-Webhook-Timestamp"] = seconds,
                };
            default:
                return Secrets.TryGetValue("basic_username", out var user)
                    ? new() { ["Authorization"] = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{Secrets["basic_password"]}")) }
                    : [];
        }
    }

    public HttpRequestMessage Request(string address, byte[] body, DateTimeOffset at, Dictionary<string, string>? headers = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address).PathAndQuery) { Content = new ByteArrayContent(body) };
        if (ContentType is not null)
        {
            request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(ContentType);
        }

        foreach (var (name, value) in headers ?? Sign(body, address, at))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    private byte[] Key(string name) => Encoding.UTF8.GetBytes(Secrets[name]);

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    private static byte[] Concat(string prefix, byte[] body) => Encoding.UTF8.GetBytes(prefix).Concat(body).ToArray();
}
