using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AgentHub.Tests.Infrastructure;

/// <summary>
/// One loopback HTTP server that plays all 23 providers. AgentHub reaches it through the operator setting
/// `Integrations:Providers:{id}:BaseUrl = http://127.0.0.1:{port}/{id}`. It checks the documented path, query and
/// credentials, answers with the documented bodies, and can be switched per provider to 429, 500, a hang, a slow or
/// huge body, a redirect, or a success without identity or permission.
/// </summary>
public sealed class FakeProviderServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, FakeProviderMode> _modes = new();
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();

    private FakeProviderServer(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    /// <summary>Optional delay before each answer (for "test all" timing), per provider id.</summary>
    public Func<string, TimeSpan>? Delay { get; set; }

    public IReadOnlyCollection<ReceivedRequest> Requests => _requests;

    /// <summary>The providers' OAuth 2.0 endpoints (consent page, token endpoint, Mailchimp's metadata).</summary>
    public FakeAuthorizationServer OAuth { get; } = new();

    /// <summary>Where a <see cref="FakeProviderMode.Redirect"/> points: a loopback listener that records whether it was followed.</summary>
    public string RedirectTarget { get; set; } = "http://127.0.0.1:9/metadata";

    /// <summary>The Retry-After seconds a <see cref="FakeProviderMode.RateLimited"/> answer carries.</summary>
    public int RetryAfterSeconds { get; set; } = 30;

    public static async Task<FakeProviderServer> StartAsync()
    {
        var app = LoopbackApp.Create();
        var server = new FakeProviderServer(app);
        app.Run(server.HandleAsync);
        server.BaseUrl = await LoopbackApp.StartAsync(app);
        return server;
    }

    public IEnumerable<KeyValuePair<string, string?>> BaseUrlSettings() =>
        FakeProviders.All.Select(p => KeyValuePair.Create($"Integrations:Providers:{p.Id}:BaseUrl", (string?)$"{BaseUrl}/{p.Id}"));

    public void SetMode(string providerId, FakeProviderMode mode) => _modes[providerId] = mode;

    /// <summary>Back to the documented behaviour with no requests recorded (between tests that share this server).</summary>
    public void Reset()
    {
        _modes.Clear();
        _requests.Clear();
        OAuth.Reset();
        Delay = null;
        RedirectTarget = "http://127.0.0.1:9/metadata";
        RetryAfterSeconds = 30;
    }

    public IReadOnlyList<ReceivedRequest> RequestsFor(string providerId) => _requests.Where(r => r.ProviderId == providerId).ToList();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var segments = context.Request.Path.Value!.Split('/', 3);
        var providerId = segments.Length > 1 ? segments[1] : "";
        var provider = FakeProviders.All.FirstOrDefault(p => p.Id == providerId);
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var received = new ReceivedRequest(
            providerId,
            context.Request.Method,
            "/" + (segments.Length > 2 ? segments[2] : ""),
            context.Request.QueryString.Value ?? "",
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body);
        _requests.Enqueue(received);

        if (provider is not null && await OAuth.TryHandleAsync(context, providerId, received))
        {
            return;
        }

        if (provider is not null && FakeActions.Find(received) is { } action)
        {
            await HandleActionAsync(context, provider, action, received);
            return;
        }

        if (provider is null || received.Method != provider.Method || received.Path != provider.Path || received.Query != provider.Query && provider.Id != "semrush")
        {
            await Write(context, 404, """{"error":"no such endpoint"}""", "application/json");
            return;
        }

        if (Delay?.Invoke(providerId) is { } delay && delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, context.RequestAborted);
        }

        switch (_modes.GetValueOrDefault(providerId))
        {
            case FakeProviderMode.RateLimited:
                context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await Write(context, 429, """{"error":"rate limit exceeded"}""", "application/json");
                return;
            case FakeProviderMode.ServerError:
                await Write(context, 500, """{"error":"internal server error"}""", "application/json");
                return;
            case FakeProviderMode.Hang:
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
                return;
            case FakeProviderMode.SlowBody:
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/json";
                await context.Response.StartAsync(context.RequestAborted);
                for (var i = 0; i < 600 && !context.RequestAborted.IsCancellationRequested; i++)
                {
                    await context.Response.WriteAsync(" ", context.RequestAborted);
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                    await Task.Delay(100, context.RequestAborted);
                }

                return;
            case FakeProviderMode.HugeBody:
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/json";
                var chunk = new string(' ', 64 * 1024);
                for (var i = 0; i < 16 * 50 && !context.RequestAborted.IsCancellationRequested; i++)
                {
                    await context.Response.WriteAsync(chunk, context.RequestAborted);
                }

                return;
            case FakeProviderMode.FlakyOnce when _requests.Count(r => r.ProviderId == providerId) == 1:
                await Write(context, 503, """{"error":"service unavailable"}""", "application/json");
                return;
            case FakeProviderMode.EchoesSecretAltered:
                var presented = (received.Header("Authorization") ?? "").Replace("Bearer ", "", StringComparison.Ordinal).ToUpperInvariant().ToCharArray();
                if (presented.Length > 20)
                {
                    presented[presented.Length / 3] = '#';
                    presented[2 * presented.Length / 3] = '#';
                }

                await Write(
                    context,
                    401,
                    $$"""{"status":"error","message":"The token {{new string(presented)}} is not valid.","category":"INVALID_AUTHENTICATION"}""",
                    "application/json");
                return;
            case FakeProviderMode.Redirect:
                context.Response.Headers.Location = RedirectTarget;
                await Write(context, 302, "", "text/plain");
                return;
        }

        var authorized = provider.IsAuthorized(received) || OAuth.Accepts(providerId, received);
        if (provider.Id == "zendesk" && received.Header("Authorization") is null)
        {
            // Zendesk answers an anonymous caller 200 with a null user id.
            await Write(context, 200, provider.MissingIdentityBody, provider.ContentType);
            return;
        }

        if (!authorized)
        {
            await Write(context, provider.AuthErrorStatus, provider.AuthErrorBody, provider.ContentType);
            return;
        }

        var mode = _modes.GetValueOrDefault(providerId);
        var answer = mode switch
        {
            FakeProviderMode.MissingIdentity => provider.MissingIdentityBody,
            FakeProviderMode.PermissionMissing => provider.PermissionMissingBody ?? provider.SuccessBody,
            _ => provider.SuccessBody,
        };
        await Write(context, 200, answer, provider.ContentType);
    }

    /// <summary>Answers an action's request (documented body), unless a test switched the provider to fail.</summary>
    private async Task HandleActionAsync(HttpContext context, FakeProvider provider, FakeActionCall action, ReceivedRequest received)
    {
        switch (_modes.GetValueOrDefault(provider.Id))
        {
            case FakeProviderMode.ServerError:
                await Write(context, 500, """{"error":"internal server error"}""", "application/json");
                return;
            case FakeProviderMode.RateLimited:
                context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await Write(context, 429, """{"error":"rate limit exceeded"}""", "application/json");
                return;
        }

        var authorized = action.Authorized?.Invoke(received) ?? (provider.IsAuthorized(received) || OAuth.Accepts(provider.Id, received));
        if (!authorized)
        {
            await Write(context, provider.AuthErrorStatus, provider.AuthErrorBody, provider.ContentType);
            return;
        }

        await Write(context, action.Status, action.Response!, action.ContentType);
    }

    private static async Task Write(HttpContext context, int status, string body, string contentType)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(body, context.RequestAborted);
    }
}
