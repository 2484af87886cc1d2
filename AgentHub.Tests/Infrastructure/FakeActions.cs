using Microsoft.AspNetCore.WebUtilities;

namespace AgentHub.Tests.Infrastructure;

/// <summary>
/// Every catalog action as its provider's documentation describes the request and the answer; the fake provider
/// server answers these, and the action tests compare what AgentHub sent with them, byte for byte where it matters.
/// </summary>
public static class FakeActions
{
    public const string InstagramCreationId = "17889455560051444";
    public const string InstagramMediaId = "17920238422030506";
    public const string GrammarlyAnalyticsToken = "eyJ-analytics-token";

    private static Dictionary<string, string> Q(params string[] pairs)
    {
        var query = new Dictionary<string, string>();
        for (var i = 0; i < pairs.Length; i += 2)
        {
            query[pairs[i]] = pairs[i + 1];
        }

        return query;
    }

    private static string? QueryValue(ReceivedRequest r, string name) =>
        QueryHelpers.ParseQuery(r.Query).TryGetValue(name, out var v) ? v.ToString() : null;

    public static readonly IReadOnlyList<FakeAction> All =
    [
        new("instagram", "get_recent_media", """{"limit":5}""",
            new FakeActionCall("GET", "/v21.0/17841400000000001/media")
            {
                Query = Q("fields", "id,caption,media_type,permalink,timestamp,like_count,comments_count", "limit", "5"),
                Response = """{"data":[{"id":"17918195224117851","caption":"Autumn drop #acme","media_type":"IMAGE","permalink":"https://www.instagram.com/p/C1/","timestamp":"2026-11-01T10:00:00+0000","like_count":31,"comments_count":4,"owner":{"id":"17841400000000001"}}],"paging":{"cursors":{"after":"QVFI"}}}""",
            }),
        new("instagram", "publish_post", """{"image_url":"https://cdn.acme.com/new-product.jpg","caption":"Meet the Acme One #acme"}""",
            new FakeActionCall("POST", "/v21.0/17841400000000001/media")
            {
                Json = """{"image_url":"https://cdn.acme.com/new-product.jpg","caption":"Meet the Acme One #acme"}""",
                Response = $$"""{"id":"{{InstagramCreationId}}"}""",
            },
            new FakeActionCall("POST", "/v21.0/17841400000000001/media_publish")
            {
                Json = $$"""{"creation_id":"{{InstagramCreationId}}"}""",
                Response = $$"""{"id":"{{InstagramMediaId}}"}""",
            }),
        new("twitter", "search_recent_posts", """{"query":"acme -is:retweet"}""",
            new FakeActionCall("GET", "/2/tweets/search/recent")
            {
                Query = Q("query", "acme -is:retweet", "max_results", "10", "tweet.fields", "created_at,public_metrics"),
                Response = """{"data":[{"id":"1460323737035677698","text":"Loving my @acme one","created_at":"2026-11-20T12:00:00.000Z","public_metrics":{"retweet_count":1,"like_count":9},"edit_history_tweet_ids":["1460323737035677698"]}],"meta":{"newest_id":"1460323737035677698","result_count":1}}""",
            }),
        new("twitter", "create_post", """{"text":"The Acme One is here."}""",
            new FakeActionCall("POST", "/2/tweets")
            {
                Json = """{"text":"The Acme One is here."}""",
                Status = 201,
                Response = """{"data":{"id":"1445880548472328192","text":"The Acme One is here.","edit_history_tweet_ids":["1445880548472328192"]}}""",
            }),
        new("linkedin", "get_member_profile", "{}", new FakeActionCall("GET", "/v2/userinfo")),
        new("facebook", "get_recent_posts", "{}",
            new FakeActionCall("GET", "/v21.0/104000000000001/posts")
            {
                Query = Q("fields", "id,message,created_time,permalink_url", "limit", "10"),
                Response = """{"data":[{"id":"104000000000001_77","message":"Open day on Saturday","created_time":"2026-11-18T09:00:00+0000","permalink_url":"https://www.facebook.com/104000000000001/posts/77"}],"paging":{}}""",
            }),
        new("facebook", "publish_post", """{"message":"Launch day!"}""",
            new FakeActionCall("POST", "/v21.0/104000000000001/feed") { Json = """{"message":"Launch day!"}""", Response = """{"id":"104000000000001_555"}""" }),
        new("tiktok", "list_videos", """{"max_count":5}""",
            new FakeActionCall("POST", "/v2/video/list/")
            {
                Query = Q("fields", "id,title,video_description,create_time,share_url,view_count,like_count"),
                Json = """{"max_count":5}""",
                Response = """{"data":{"videos":[{"id":"7311","title":"Unboxing","video_description":"Unboxing the Acme One","create_time":1763000000,"share_url":"https://www.tiktok.com/@acme/video/7311","view_count":1200,"like_count":85}],"cursor":1763000000,"has_more":false},"error":{"code":"ok","message":"","log_id":"2"}}""",
            }),
        new("zendesk", "list_recent_tickets", "{}",
            new FakeActionCall("GET", "/api/v2/tickets.json")
            {
                Query = Q("sort_by", "created_at", "sort_order", "desc", "per_page", "10"),
                Response = """{"tickets":[{"id":35436,"subject":"Help, my printer is on fire!","description":"The fire is very colorful.","status":"open","priority":"high","created_at":"2026-11-20T09:00:00Z","requester_id":20978392}],"count":1}""",
            }),
        new("zendesk", "get_ticket", """{"ticket_id":35436}""",
            new FakeActionCall("GET", "/api/v2/tickets/35436.json")
            {
                Response = """{"ticket":{"id":35436,"subject":"Help, my printer is on fire!","description":"The fire is very colorful.","status":"open","priority":"high","tags":["printer"],"created_at":"2026-11-20T09:00:00Z","via":{"channel":"web"}}}""",
            }),
        new("zendesk", "reply_to_ticket", """{"ticket_id":35436,"body":"We're on it."}""",
            new FakeActionCall("PUT", "/api/v2/tickets/35436.json")
            {
                Json = """{"ticket":{"comment":{"body":"We're on it.","public":true}}}""",
                Response = """{"ticket":{"id":35436,"status":"open"},"audit":{"id":2127301143}}""",
            }),
        new("intercom", "get_conversation", """{"conversation_id":"1911149811"}""",
            new FakeActionCall("GET", "/conversations/1911149811")
            {
                Query = Q("display_as", "plaintext"),
                Response = """{"type":"conversation","id":"1911149811","state":"open","title":"Refund","source":{"body":"I would like a refund","author":{"type":"user","name":"Jo"}},"conversation_parts":{"type":"conversation_part.list","conversation_parts":[{"body":"Let me check","author":{"type":"admin","name":"Agent"}}]}}""",
            }),
        new("intercom", "reply_to_conversation", """{"conversation_id":"1911149811","body":"Your refund is on its way."}""",
            new FakeActionCall("GET", "/me"),
            new FakeActionCall("POST", "/conversations/1911149811/reply")
            {
                Json = """{"message_type":"comment","type":"admin","admin_id":"991267","body":"Your refund is on its way."}""",
                Response = """{"type":"conversation","id":"1911149811","state":"open"}""",
            }),
        new("freshdesk", "get_ticket", """{"ticket_id":20}""",
            new FakeActionCall("GET", "/api/v2/tickets/20")
            {
                Response = """{"id":20,"subject":"Cannot log in","description_text":"The login page loops.","status":2,"priority":1,"tags":[],"created_at":"2026-11-22T08:00:00Z"}""",
            }),
        new("freshdesk", "reply_to_ticket", """{"ticket_id":20,"body":"A reset link is on its way."}""",
            new FakeActionCall("POST", "/api/v2/tickets/20/reply")
            {
                Json = """{"body":"A reset link is on its way."}""",
                Status = 201,
                Response = """{"id":5001,"ticket_id":20,"body":"A reset link is on its way.","created_at":"2026-11-24T10:00:00Z"}""",
            }),
        new("google_search_console", "query_search_analytics", """{"start_date":"2026-10-01","end_date":"2026-10-31"}""",
            new FakeActionCall("POST", "/webmasters/v3/sites/https%3A%2F%2Fwww.acme.com%2F/searchAnalytics/query")
            {
                Json = """{"startDate":"2026-10-01","endDate":"2026-10-31","dimensions":["query"],"rowLimit":25}""",
                Response = """{"rows":[{"keys":["acme one"],"clicks":120,"impressions":3400,"ctr":0.035,"position":4.2},{"keys":["acme shoes"],"clicks":40,"impressions":2100,"ctr":0.019,"position":8.7}],"responseAggregationType":"byProperty"}""",
            }),
        new("semrush", "domain_overview", """{"domain":"acme.com"}""",
            new FakeActionCall("GET", "/")
            {
                Query = Q("type", "domain_ranks", "key", "semrush-valid-key-0123", "export_columns", "Db,Dn,Rk,Or,Ot,Oc,Ad,At,Ac", "domain", "acme.com", "database", "us"),
                Match = r => QueryValue(r, "type") == "domain_ranks",
                Authorized = r => QueryValue(r, "key") == "semrush-valid-key-0123",
                ContentType = "text/plain",
                Response = "Database;Domain;Rank;Organic Keywords;Organic Traffic;Organic Cost;Adwords Keywords;Adwords Traffic;Adwords Cost\r\nus;acme.com;15230;48210;356000;412000;120;5400;8100",
            }),
        new("semrush", "domain_organic_keywords", """{"domain":"acme.com","limit":5}""",
            new FakeActionCall("GET", "/")
            {
                Query = Q("type", "domain_organic", "key", "semrush-valid-key-0123", "export_columns", "Ph,Po,Nq,Cp,Ur,Tr", "domain", "acme.com", "database", "us", "display_limit", "5"),
                Match = r => QueryValue(r, "type") == "domain_organic",
                Authorized = r => QueryValue(r, "key") == "semrush-valid-key-0123",
                ContentType = "text/plain",
                Response = "Keyword;Position;Search Volume;CPC;Url;Traffic (%)\r\nacme one;3;12100;1.20;https://www.acme.com/one;4.51\r\nacme shoes;9;8100;0.80;https://www.acme.com/shoes;1.02",
            }),
        new("ahrefs", "domain_rating", """{"target":"acme.com","date":"2026-11-23"}""",
            new FakeActionCall("GET", "/v3/site-explorer/domain-rating")
            {
                Query = Q("target", "acme.com", "date", "2026-11-23"),
                Response = """{"domain_rating":{"domain_rating":71.0,"ahrefs_rank":2311}}""",
            }),
        new("google_analytics", "run_report", """{"start_date":"28daysAgo","end_date":"yesterday"}""",
            new FakeActionCall("POST", "/v1beta/properties/123456789:runReport")
            {
                Json = """{"dateRanges":[{"startDate":"28daysAgo","endDate":"yesterday"}],"dimensions":[{"name":"date"}],"metrics":[{"name":"activeUsers"},{"name":"sessions"},{"name":"screenPageViews"}],"limit":31}""",
                Response = """{"dimensionHeaders":[{"name":"date"}],"metricHeaders":[{"name":"activeUsers","type":"TYPE_INTEGER"},{"name":"sessions","type":"TYPE_INTEGER"},{"name":"screenPageViews","type":"TYPE_INTEGER"}],"rows":[{"dimensionValues":[{"value":"20261101"}],"metricValues":[{"value":"120"},{"value":"150"},{"value":"400"}]}],"rowCount":1,"kind":"analyticsData#runReport"}""",
            }),
        new("mixpanel", "top_events", "{}",
            new FakeActionCall("GET", "/api/query/events/top")
            {
                Query = Q("project_id", "2345678", "type", "general", "limit", "20"),
                Response = """{"events":[{"amount":2,"event":"Signed up","percent_change":-0.35}],"type":"general"}""",
            }),
        new("amplitude", "active_users", """{"start":"20261101","end":"20261107"}""",
            new FakeActionCall("GET", "/api/2/users")
            {
                Query = Q("start", "20261101", "end", "20261107", "m", "active"),
                Response = """{"data":{"series":[[110,120,130]],"seriesMeta":[{"segmentIndex":0}],"xValues":["2026-11-01","2026-11-02","2026-11-03"]}}""",
            }),
        new("salesforce", "list_recent_leads", """{"limit":5}""",
            new FakeActionCall("GET", "/services/data/v62.0/query")
            {
                Query = Q("q", "SELECT Id, Name, Company, Email, Status, CreatedDate FROM Lead ORDER BY CreatedDate DESC LIMIT 5"),
                Response = """{"totalSize":1,"done":true,"records":[{"attributes":{"type":"Lead","url":"/services/data/v62.0/sobjects/Lead/00Q1"},"Id":"00Q1","Name":"Ada Lovelace","Company":"Analytical","Email":"ada@analytical.example","Status":"Open - Not Contacted","CreatedDate":"2026-11-20T10:00:00.000+0000"}]}""",
            }),
        new("salesforce", "create_lead", """{"last_name":"Lovelace","first_name":"Ada","company":"Analytical Engines","email":"ada@analytical.example"}""",
            new FakeActionCall("POST", "/services/data/v62.0/sobjects/Lead")
            {
                Json = """{"LastName":"Lovelace","FirstName":"Ada","Company":"Analytical Engines","Email":"ada@analytical.example"}""",
                Status = 201,
                Response = """{"id":"00Q5e000001AbCd","success":true,"errors":[]}""",
            }),
        new("hubspot", "list_contacts", """{"limit":2}""",
            new FakeActionCall("GET", "/crm/v3/objects/contacts")
            {
                Query = Q("limit", "2", "properties", "email,firstname,lastname,company"),
                Response = """{"results":[{"id":"51","properties":{"email":"bh@hubspot.com","firstname":"Brian","lastname":"Halligan","company":"HubSpot","hs_object_id":"51"},"createdAt":"2026-01-01T00:00:00Z","archived":false}],"paging":{"next":{"after":"52"}}}""",
            }),
        new("hubspot", "create_contact", """{"email":"new@acme.example","first_name":"New","last_name":"Person","company":"Acme"}""",
            new FakeActionCall("POST", "/crm/v3/objects/contacts")
            {
                Json = """{"properties":{"email":"new@acme.example","firstname":"New","lastname":"Person","company":"Acme"}}""",
                Status = 201,
                Response = """{"id":"151","properties":{"email":"new@acme.example","firstname":"New"},"createdAt":"2026-11-24T10:00:00Z"}""",
            }),
        new("pipedrive", "list_deals", "{}",
            new FakeActionCall("GET", "/v1/deals")
            {
                Query = Q("status", "open", "limit", "20"),
                Response = """{"success":true,"data":[{"id":1,"title":"Acme renewal","value":5000,"currency":"EUR","status":"open","org_name":"Acme","add_time":"2026-11-01 10:00:00"}],"additional_data":{}}""",
            }),
        new("pipedrive", "create_deal", """{"title":"Acme expansion","value":12000,"currency":"EUR"}""",
            new FakeActionCall("POST", "/v1/deals")
            {
                Json = """{"title":"Acme expansion","value":12000,"currency":"EUR"}""",
                Status = 201,
                Response = """{"success":true,"data":{"id":7,"title":"Acme expansion","value":12000,"currency":"EUR","status":"open"}}""",
            }),
        new("mailchimp", "list_audiences", "{}",
            new FakeActionCall("GET", "/3.0/lists")
            {
                Query = Q("count", "10", "fields", "lists.id,lists.name,lists.stats.member_count"),
                Response = """{"lists":[{"id":"a1b2c3d4e5","name":"Newsletter","stats":{"member_count":1200}}]}""",
            }),
        new("mailchimp", "create_campaign_draft", """{"list_id":"a1b2c3d4e5","subject_line":"November news","from_name":"Acme","reply_to":"hello@acme.example"}""",
            new FakeActionCall("POST", "/3.0/campaigns")
            {
                Json = """{"type":"regular","recipients":{"list_id":"a1b2c3d4e5"},"settings":{"subject_line":"November news","from_name":"Acme","reply_to":"hello@acme.example"}}""",
                Response = """{"id":"42694e9e57","web_id":123,"status":"save","settings":{"subject_line":"November news","title":""}}""",
            }),
        new("sendgrid", "get_stats", """{"start_date":"2026-11-01"}""",
            new FakeActionCall("GET", "/v3/stats")
            {
                Query = Q("start_date", "2026-11-01", "aggregated_by", "day"),
                Response = """[{"date":"2026-11-01","stats":[{"metrics":{"requests":10,"delivered":9,"opens":5,"clicks":2,"bounces":1,"spam_reports":0}}]}]""",
            }),
        new("sendgrid", "send_email", """{"to":"jo@example.com","from":"hello@acme.example","subject":"Hi","text":"Hello Jo"}""",
            new FakeActionCall("POST", "/v3/mail/send")
            {
                Json = """{"personalizations":[{"to":[{"email":"jo@example.com"}]}],"from":{"email":"hello@acme.example"},"subject":"Hi","content":[{"type":"text/plain","value":"Hello Jo"}]}""",
                Status = 202,
                Response = "",
            }),
        new("brevo", "get_email_statistics", "{}",
            new FakeActionCall("GET", "/v3/smtp/statistics/aggregatedReport")
            {
                Query = Q("days", "7"),
                Response = """{"range":"2026-11-17|2026-11-24","requests":100,"delivered":98,"hardBounces":1,"softBounces":1,"clicks":10,"uniqueClicks":8,"opens":40,"uniqueOpens":30,"spamReports":0,"blocked":0,"invalid":0,"unsubscribed":0}""",
            }),
        new("brevo", "send_email", """{"to":"jo@example.com","sender_email":"hello@acme.example","subject":"Hi","text":"Hello Jo"}""",
            new FakeActionCall("POST", "/v3/smtp/email")
            {
                Json = """{"sender":{"email":"hello@acme.example"},"to":[{"email":"jo@example.com"}],"subject":"Hi","textContent":"Hello Jo"}""",
                Status = 201,
                Response = """{"messageId":"<202611241000.12345@smtp-relay.mailin.fr>"}""",
            }),
        new("grammarly", "user_analytics", """{"date_from":"2026-11-01","date_to":"2026-11-23"}""",
            new FakeActionCall("POST", "/v4/api/oauth2/token")
            {
                Form = "grant_type=client_credentials&client_id=client_acme&client_secret=gr-valid-secret&scope=analytics-api%3Aread",
                Match = r => r.Body.Contains("analytics-api", StringComparison.Ordinal),
                Authorized = r => r.Body == "grant_type=client_credentials&client_id=client_acme&client_secret=gr-valid-secret&scope=analytics-api%3Aread",
                Response = $$"""{"access_token":"{{GrammarlyAnalyticsToken}}","token_type":"Bearer","expires_in":3600}""",
            },
            new FakeActionCall("GET", "/ecosystem/api/v2/analytics/users")
            {
                Query = Q("date_from", "2026-11-01", "date_to", "2026-11-23", "limit", "20"),
                Authorized = r => r.Header("Authorization") == $"Bearer {GrammarlyAnalyticsToken}",
                Response = """{"data":[{"id":1,"name":"Jo","email":"jo@acme.example","days_active":12,"sessions_count":40,"sessions_improved_percent":0.8}],"paging":{"has_more":false}}""",
            }),
        new("copy_ai", "get_workflow_run", """{"workflow_id":"WCFG-1","run_id":"WRUN-1"}""",
            new FakeActionCall("GET", "/api/workflow/WCFG-1/run/WRUN-1")
            {
                Response = """{"status":"success","data":{"id":"WRUN-1","status":"COMPLETE","input":{"topic":"autumn launch"},"output":{"blog_post":"Autumn is here..."},"createdAt":"2026-11-24T09:00:00Z"}}""",
            }),
        new("jasper", "list_templates", "{}",
            new FakeActionCall("GET", "/v1/templates")
            {
                Query = Q("limit", "20"),
                Response = """{"data":[{"id":"tpl_1","name":"Blog post intro","description":"Hooks readers in the first paragraph","category":"blog"}]}""",
            }),
    ];

    /// <summary>The documented call answering a request, if it is one of an action's (check endpoints are answered elsewhere).</summary>
    public static FakeActionCall? Find(ReceivedRequest request) =>
        All.Where(a => a.ProviderId == request.ProviderId)
            .SelectMany(a => a.Calls)
            .FirstOrDefault(c => c.Response is not null && c.Method == request.Method &&
                                 Uri.UnescapeDataString(c.Path) == Uri.UnescapeDataString(request.Path) &&
                                 (c.Match?.Invoke(request) ?? true));
}
