namespace AgentHub.Tests.Infrastructure;

/// <summary>The 23 providers as their documentation describes them (see shared/providers.md).</summary>
public static class FakeProviders
{
    private const string MetaAuthError = """{"error":{"message":"Invalid OAuth access token - Cannot parse access token","type":"OAuthException","code":190,"fbtrace_id":"AbCdEf"}}""";
    private const string GoogleAuthError = """{"error":{"code":401,"message":"Request had invalid authentication credentials. Expected OAuth 2 access token.","status":"UNAUTHENTICATED"}}""";

    public static readonly IReadOnlyList<FakeProvider> All =
    [
        new()
        {
            Id = "instagram", Path = "/v21.0/17841400000000001", Query = "?fields=id,username",
            Valid = new Dictionary<string, string> { ["access_token"] = "EAAG-valid-instagram-token", ["instagram_account_id"] = "17841400000000001" },
            WrongSecret = ("access_token", "EAAG-wrong-instagram-token"),
            AuthHeader = ("Authorization", "Bearer EAAG-valid-instagram-token"),
            IsAuthorized = r => r.Header("Authorization") == "Bearer EAAG-valid-instagram-token",
            SuccessBody = """{"id":"17841400000000001","username":"acme"}""",
            MissingIdentityBody = """{"username":"acme"}""",
            AuthErrorStatus = 400, AuthErrorBody = MetaAuthError,
        },
        new()
        {
            Id = "twitter", Path = "/2/users/me",
            Valid = new Dictionary<string, string> { ["access_token"] = "x-valid-user-token" },
            WrongSecret = ("access_token", "x-wrong-user-token"),
            AuthHeader = ("Authorization", "Bearer x-valid-user-token"),
            IsAuthorized = r => r.Header("Authorization") == "Bearer x-valid-user-token",
            SuccessBody = """{"data":{"id":"2244994945","name":"Acme","username":"acme"}}""",
            AuthErrorBody = """{"title":"Unauthorized","type":"about:blank","status":401,"detail":"Unauthorized"}""",
        },
        new()
        {
            Id = "linkedin", Path = "/v2/userinfo",
            Valid = new Dictionary<string, string> { ["access_token"] = "AQV-valid-linkedin", ["organization_urn"] = "urn:li:organization:123456" },
            WrongSecret = ("access_token", "AQV-wrong-linkedin"),
            AuthHeader = ("Authorization", "Bearer AQV-valid-linkedin"),
            IsAuthorized = r => r.Header("Authorization") == "Bearer AQV-valid-linkedin",
            SuccessBody = """{"sub":"782bbtaQ","name":"Ada Lovelace","email":"ada@acme.com"}""",
            AuthErrorBody = """{"serviceErrorCode":65600,"code":"INVALID_ACCESS_TOKEN","message":"Invalid access token"}""",
        },
        new()
        {
            Id = "facebook", Path = "/v21.0/104000000000001", Query = "?fields=id,name",
            Valid = new Dictionary<string, string> { ["page_access_token"] = "EAAG-valid-page-token", ["page_id"] = "104000000000001" },
            WrongSecret = ("page_access_token", "EAAG-wrong-page-token"),
            AuthHeader = ("Authorization", "Bearer EAAG-valid-page-token"),
            IsAuthorized = r => r.Header("Authorization") == "Bearer EAAG-valid-page-token",
            SuccessBody = """{"id":"104000000000001","name":"Acme"}""",
            MissingIdentityBody = """{"name":"Acme"}""",
            AuthErrorStatus = 400, AuthErrorBody = MetaAuthError,
        },
        new()
        {
            Id = "tiktok", Path = "/v2/user/info/", Query = "?fields=open_id,display_name",
            Valid = new Dictionary<string, string> { ["access_token"] = "act.valid-tiktok" },
            WrongSecret = ("access_token", "act.wrong-tiktok"),
            AuthHeader = ("Authorization", "Bearer act.valid-tiktok"),
            IsAuthorized = r => r.Header("Authorization") == "Bearer act.valid-tiktok",
            SuccessBody = """{"data":{"user":{"open_id":"723f24d7-e717-40f8","display_name":"acme"}},"error":{"code":"ok","message":"","log_id":"1"}}""",
            MissingIdentityBody = """{"data":{},"error":{"code":"ok","message":"","log_id":"1"}}""",
            AuthErrorBody = """{"data":{},"error":{"code":"access_token_invalid","message":"The access token is invalid or not found in the request.","log_id":"2"}}""",
        },
        new()
        {
            Id = "zendesk", Path = "/api/v2/users/me.json",
            Valid = new Dictionary<string, string> { ["subdomain"] = "acme", ["email"] = "agent@acme.com", ["api_token"] = "zd-valid-token-123" },
            WrongSecret = ("api_token", "zd-wrong-token-456"),
            AuthHeader = ("Authorization", FakeProvider.Basic("agent@acme.com/token", "zd-valid-token-123")),
            IsAuthorized = r => r.Header("Authorization") == FakeProvider.Basic("agent@acme.com/token", "zd-valid-token-123"),
            SuccessBody = """{"user":{"id":35436,"name":"Agent","email":"agent@acme.com","role":"admin"}}""",
            // Zendesk answers an anonymous caller 200 with a null id: a check on the status alone would pass it.
            MissingIdentityBody = """{"user":{"id":null,"name":"Anonymous user","email":"invalid@example.com"}}""",
            AuthErrorBody = """{"error":"Couldn't authenticate you"}""",
        },
        new()
        {
            Id = "intercom", Path = "/me",
            Valid = new Dictionary<string, string> { ["access_token"] = "dG9r-valid-intercom", ["region"] = "eu" },
            WrongSecret = ("access_token", "dG9r-wrong-intercom"),
            AuthHeader = ("Authorization", "Bearer dG9r-valid-intercom"),
            IsAuthorized = r => r.Header("Authorization") == "Bearer dG9r-valid-intercom" && r.Header("Accept") == "application/json",
            SuccessBody = """{"type":"admin","id":"991267","email":"agent@acme.com","name":"Agent"}""",
            MissingIdentityBody = """{"type":"user","id":"991267"}""",
            AuthErrorBody = """{"type":"error.list","request_id":"000","errors":[{"code":"unauthorized","message":"Access Token Invalid"}]}""",
        },
        new()
        {
            Id = "freshdesk", Path = "/api/v2/agents/me",
            Valid = new Dictionary<string, string> { ["domain"] = "acme", ["api_key"] = "fd-valid-key" },
            WrongSecret = ("api_key", "fd-wrong-key"),
            AuthHeader = ("Authorization", FakeProvider.Basic("fd-valid-key", "X")),
            IsAuthorized = r => r.Header("Authorization") == FakeProvider.Basic("fd-valid-key", "X"),
            SuccessBody = """{"id":19000000001,"contact":{"name":"Agent","email":"agent@acme.com"}}""",
            AuthErrorBody = """{"code":"invalid_credentials","message":"You have to be logged in to perform this action."}""",
        },
        new()
        {
            Id = "google_search_console", Path = "/webmasters/v3/sites",
            Valid = new Dictionary<string, string> { ["access_token"] = "ya29.valid-gsc", ["site_url"] = "https://www.acme.com/" },
            WrongSecret = ("access_token", "ya29.wrong-gsc"),
            AuthHeader = ("Authorization", "Bearer ya29.valid-gsc"),
            IsAuthorized = r => r.Header("Authorization") == "Bearer ya29.valid-gsc",
            SuccessBody = """{"siteEntry":[{"siteUrl":"sc-domain:other.com","permissionLevel":"siteOwner"},{"siteUrl":"https://www.acme.com/","permissionLevel":"siteFullUser"}]}""",
            MissingIdentityBody = "[]",
            PermissionMissingBody = """{"siteEntry":[{"siteUrl":"sc-domain:other.com","permissionLevel":"siteOwner"}]}""",
            AuthErrorBody = GoogleAuthError,
        },
        new()
        {
            Id = "semrush", Path = "/users/countapiunits.html", Query = "?key=semrush-valid-key-0123",
            Valid = new Dictionary<string, string> { ["api_key"] = "semrush-valid-key-0123" },
            WrongSecret = ("api_key", "semrush-wrong-key-9876"),
            IsAuthorized = r => r.Query == "?key=semrush-valid-key-0123",
            ContentType = "text/html",
            SuccessBody = "49500",
            MissingIdentityBody = "<html>maintenance</html>",
            // SEMrush reports a wrong key in the body text, not with a 401.
            AuthErrorStatus = 200, AuthErrorBody = "ERROR 120 :: WRONG KEY - ID PAIR",
            PermissionMissingBody = "ERROR 132 :: API UNITS BALANCE IS ZERO",
        },
        new()
        {
            Id = "ahrefs", Path = "/v3/subscription-info/limits-and-usage",
            Valid = new Dictionary<string, string> { ["api_key"] = "ahrefs-valid-key" },
            WrongSecret = ("api_key", "ahrefs-wrong-key"),
            AuthHeader = ("Authorization", "Bearer ahrefs-valid-key"),
            IsAuthorized = r => r.Header("Authorization") == "Bearer ahrefs-valid-key",
            SuccessBody = """{"limits_and_usage":{"subscription":"Enterprise","usage_reset_date":"2026-12-01T00:00:00Z","units_limit_workspace":1000000}}""",
            AuthErrorBody = """{"error":"Unauthorized: invalid API key"}""",
        },
        new()
        {
            Id = "google_analytics", Path = "/v1beta/accountSummaries",
            Valid = new Dictionary<string, string> { ["access_token"] = "ya29.valid-ga", ["property_id"] = "123456789" },
            WrongSecret = ("access_token", "ya29.wrong-ga"),
            AuthHeader = ("Authorization", "Bearer ya29.valid-ga"),
            IsAuthorized = r => r.Header("Authorization") == "Bearer ya29.valid-ga",
            SuccessBody = """{"accountSummaries":[{"account":"accounts/1","propertySummaries":[{"property":"properties/987","displayName":"Blog"},{"property":"properties/123456789","displayName":"Shop"}]}]}""",
            MissingIdentityBody = "[]",
            PermissionMissingBody = """{"accountSummaries":[{"account":"accounts/1","propertySummaries":[{"property":"properties/987","displayName":"Blog"}]}]}""",
            AuthErrorBody = GoogleAuthError,
        },
        new()
        {
            Id = "mixpanel", Path = "/api/app/me",
            Valid = new Dictionary<string, string> { ["service_account_username"] = "agenthub.sa", ["service_account_secret"] = "mp-valid-secret", ["project_id"] = "2345678", ["region"] = "eu" },
            WrongSecret = ("service_account_secret", "mp-wrong-secret"),
            AuthHeader = ("Authorization", FakeProvider.Basic("agenthub.sa", "mp-valid-secret")),
            IsAuthorized = r => r.Header("Authorization") == FakeProvider.Basic("agenthub.sa", "mp-valid-secret"),
            SuccessBody = """{"status":"ok","results":{"id":42,"projects":{"2345678":{"name":"Production","role":"admin"}}}}""",
            MissingIdentityBody = """{"results":{}}""",
            PermissionMissingBody = """{"status":"ok","results":{"id":42,"projects":{"999":{"name":"Other"}}}}""",
            AuthErrorBody = """{"status":"error","error":"Invalid service account credentials"}""",
        },
        new()
        {
            Id = "amplitude", Path = "/api/2/events/list",
            Valid = new Dictionary<string, string> { ["api_key"] = "amp-valid-api-key", ["secret_key"] = "amp-valid-secret", ["region"] = "us" },
            WrongSecret = ("secret_key", "amp-wrong-secret"),
            AuthHeader = ("Authorization", FakeProvider.Basic("amp-valid-api-key", "amp-valid-secret")),
            IsAuthorized = r => r.Header("Authorization") == FakeProvider.Basic("amp-valid-api-key", "amp-valid-secret"),
            SuccessBody = """{"data":[{"name":"Sign up","totals":120}]}""",
            AuthErrorBody = """{"error":"Invalid API key or secret key"}""",
        },
        new()
        {
            Id = "salesforce", Path = "/services/oauth2/userinfo",
            Valid = new Dictionary<string, string> { ["instance_url"] = "https://acme.my.salesforce.com", ["access_token"] = "00D-valid-session" },
            WrongSecret = ("access_token", "00D-wrong-session"),
            AuthHeader = ("Authorization", "Bearer 00D-valid-session"),
            IsAuthorized = r => r.Header("Authorization") == "Bearer 00D-valid-session",
            SuccessBody = """{"user_id":"005xx000001Sv6AAAS","organization_id":"00Dxx0000001gPLEAY","preferred_username":"agent@acme.com"}""",
            MissingIdentityBody = """{"preferred_username":"agent@acme.com"}""",
            AuthErrorBody = """[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]""",
        },
        new()
        {
            Id = "hubspot", Path = "/account-info/v3/details",
            Valid = new Dictionary<string, string> { ["access_token"] = "pat-na1-valid-hubspot" },
            WrongSecret = ("access_token", "pat-na1-wrong-hubspot"),
            AuthHeader = ("Authorization", "Bearer pat-na1-valid-hubspot"),
            IsAuthorized = r => r.Header("Authorization") == "Bearer pat-na1-valid-hubspot",
            SuccessBody = """{"portalId":62515,"accountType":"STANDARD","timeZone":"US/Eastern"}""",
            AuthErrorBody = """{"status":"error","message":"Authentication credentials not found.","correlationId":"a1b2","category":"INVALID_AUTHENTICATION"}""",
        },
        new()
        {
            Id = "pipedrive", Path = "/v1/users/me",
            Valid = new Dictionary<string, string> { ["api_token"] = "pd-valid-token", ["company_domain"] = "acme" },
            WrongSecret = ("api_token", "pd-wrong-token"),
            AuthHeader = ("x-api-token", "pd-valid-token"),
            IsAuthorized = r => r.Header("x-api-token") == "pd-valid-token",
            SuccessBody = """{"success":true,"data":{"id":1234,"name":"Agent","company_domain":"acme"}}""",
            MissingIdentityBody = """{"success":true,"data":null}""",
            AuthErrorBody = """{"success":false,"error":"unauthorized access","errorCode":401,"error_info":"Please check developers.pipedrive.com"}""",
        },
        new()
        {
            Id = "mailchimp", Path = "/3.0/",
            Valid = new Dictionary<string, string> { ["api_key"] = "0123456789abcdef0123456789abcdef-us21" },
            WrongSecret = ("api_key", "ffffffffffffffffffffffffffffffff-us21"),
            AuthHeader = ("Authorization", FakeProvider.Basic("agenthub", "0123456789abcdef0123456789abcdef-us21")),
            IsAuthorized = r => r.Header("Authorization") == FakeProvider.Basic("agenthub", "0123456789abcdef0123456789abcdef-us21"),
            SuccessBody = """{"account_id":"8d3a3db4d97663a9074efcc16","account_name":"Acme","email":"owner@acme.com"}""",
            AuthErrorBody = """{"type":"https://mailchimp.com/developer/marketing/docs/errors/","title":"API Key Invalid","status":401,"detail":"Your API key may be invalid, or you've attempted to access the wrong datacenter.","instance":"x"}""",
        },
        new()
        {
            Id = "sendgrid", Path = "/v3/scopes",
            Valid = new Dictionary<string, string> { ["api_key"] = "SG.valid.sendgrid-key" },
            WrongSecret = ("api_key", "SG.wrong.sendgrid-key"),
            AuthHeader = ("Authorization", "Bearer SG.valid.sendgrid-key"),
            IsAuthorized = r => r.Header("Authorization") == "Bearer SG.valid.sendgrid-key",
            SuccessBody = """{"scopes":["alerts.read","mail.send","stats.read"]}""",
            PermissionMissingBody = """{"scopes":["alerts.read","stats.read"]}""",
            AuthErrorBody = """{"errors":[{"field":null,"message":"authorization required"}]}""",
        },
        new()
        {
            Id = "brevo", Path = "/v3/account",
            Valid = new Dictionary<string, string> { ["api_key"] = "xkeysib-valid-brevo" },
            WrongSecret = ("api_key", "xkeysib-wrong-brevo"),
            AuthHeader = ("api-key", "xkeysib-valid-brevo"),
            IsAuthorized = r => r.Header("api-key") == "xkeysib-valid-brevo",
            SuccessBody = """{"email":"owner@acme.com","firstName":"Ada","lastName":"Lovelace","companyName":"Acme"}""",
            AuthErrorBody = """{"code":"unauthorized","message":"Key not found"}""",
        },
        new()
        {
            Id = "grammarly", Method = "POST", Path = "/v4/api/oauth2/token",
            Valid = new Dictionary<string, string> { ["client_id"] = "client_acme", ["client_secret"] = "gr-valid-secret" },
            WrongSecret = ("client_secret", "gr-wrong-secret"),
            IsAuthorized = r => r.Body == "grant_type=client_credentials&client_id=client_acme&client_secret=gr-valid-secret&scope=scores-api%3Aread",
            SuccessBody = """{"access_token":"eyJ-issued","token_type":"Bearer","expires_in":3600}""",
            AuthErrorStatus = 400,
            AuthErrorBody = """{"error":"invalid_client","error_description":"Client authentication failed"}""",
        },
        new()
        {
            Id = "copy_ai", Path = "/api/webhook",
            Valid = new Dictionary<string, string> { ["api_key"] = "ca-valid-key" },
            WrongSecret = ("api_key", "ca-wrong-key"),
            AuthHeader = ("x-copy-ai-api-key", "ca-valid-key"),
            IsAuthorized = r => r.Header("x-copy-ai-api-key") == "ca-valid-key",
            SuccessBody = """{"status":"success","data":[]}""",
            MissingIdentityBody = """{"data":[]}""",
            AuthErrorBody = """{"status":"error","message":"Invalid API key"}""",
        },
        new()
        {
            Id = "jasper", Path = "/v1/users", Query = "?limit=1",
            Valid = new Dictionary<string, string> { ["api_key"] = "jsp-valid-key" },
            WrongSecret = ("api_key", "jsp-wrong-key"),
            AuthHeader = ("X-API-Key", "jsp-valid-key"),
            IsAuthorized = r => r.Header("X-API-Key") == "jsp-valid-key",
            SuccessBody = """{"data":[{"id":"usr_1","email":"owner@acme.com"}]}""",
            AuthErrorBody = """{"message":"Unauthorized"}""",
        },
    ];

    public static FakeProvider Get(string id) => All.Single(p => p.Id == id);
}
