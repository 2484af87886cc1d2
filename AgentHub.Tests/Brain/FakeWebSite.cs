using System.Collections.Concurrent;
using AgentHub.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AgentHub.Tests.Brain;

/// <summary>
/// A web site on loopback for the Brain's web page sources: pages by path (with an ETag, answering 304 to a matching
/// If-None-Match), redirects, and a sitemap; it counts what it was asked.
/// </summary>
public sealed class FakeWebSite : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (string ContentType, string Body)> _pages = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _redirects = new(StringComparer.Ordinal);

    private FakeWebSite(WebApplication app) => _app = app;

    public string Root { get; private set; } = "";
    public ConcurrentQueue<string> Requests { get; } = new();
    public int NotModified;

    public static async Task<FakeWebSite> StartAsync()
    {
        var app = LoopbackApp.Create();
        var site = new FakeWebSite(app);
        app.Run(site.ServeAsync);
        site.Root = await LoopbackApp.StartAsync(app);
        return site;
    }

    public void Page(string path, string html, string contentType = "text/html; charset=utf-8") => _pages[path] = (contentType, html);

    public void Redirect(string path, string location) => _redirects[path] = location;

    public string Url(string path) => Root + path;

    private async Task ServeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        Requests.Enqueue(path);
        if (_redirects.TryGetValue(path, out var location))
        {
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = location;
            return;
        }

        if (!_pages.TryGetValue(path, out var page))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var etag = $"\"{(uint)StringComparer.Ordinal.GetHashCode(page.Body):x8}\"";
        if (context.Request.Headers.IfNoneMatch == etag)
        {
            Interlocked.Increment(ref NotModified);
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        context.Response.Headers.ETag = etag;
        context.Response.ContentType = page.ContentType;
        await context.Response.WriteAsync(page.Body);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
