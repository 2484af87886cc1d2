using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentHub.Tests.Infrastructure;

/// <summary>
/// A loopback OpenAI-compatible model: `POST /v1/chat/completions` with the documented request and answer shapes,
/// bearer-key check (401 with the documented error body), and a scripted responder deciding each answer from the
/// conversation so far, so a task that resumes after a restart or an approval gets the same next step.
/// </summary>
public sealed class FakeModelServer : IAsyncDisposable
{
    public const string ApiKey = "sk-test-model-key";
    public const string Model = "test-model";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ModelTurn> _turns = new();
    private int _callIds;

    private FakeModelServer(WebApplication app) => _app = app;

    public string Endpoint { get; private set; } = "";

    /// <summary>Decides each answer; by default the model says it is done.</summary>
    public Func<ModelTurn, ModelReply> Responder { get; set; } = _ => ModelReply.Say("Done.");

    public IReadOnlyCollection<ModelTurn> Turns => _turns;

    /// <summary>Optional time the model takes before answering (a slow model, for the time budget).</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Every request body the model received, as sent.</summary>
    public ConcurrentQueue<string> RawRequests { get; } = new();

    public static async Task<FakeModelServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeModelServer(app);
        app.MapPost("/v1/chat/completions", (Delegate)server.CompleteAsync);
        await app.StartAsync();
        server.Endpoint = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/v1";
        return server;
    }

    /// <summary>The app settings that point AgentHub at this model.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        KeyValuePair.Create("AI:Endpoint", (string?)Endpoint),
        KeyValuePair.Create("AI:Model", (string?)Model),
        KeyValuePair.Create("AI:ApiKey", (string?)ApiKey),
    ];

    public void Reset()
    {
        _turns.Clear();
        RawRequests.Clear();
        Responder = _ => ModelReply.Say("Done.");
        Delay = TimeSpan.Zero;
    }

    private async Task<IResult> CompleteAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        RawRequests.Enqueue(body);
        if (context.Request.Headers.Authorization.ToString() != $"Bearer {ApiKey}")
        {
            return Results.Json(new { error = new { message = "Incorrect API key provided.", type = "invalid_request_error", code = "invalid_api_key" } }, statusCode: 401);
        }

        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, context.RequestAborted);
        }

        var turn = new ModelTurn(JsonNode.Parse(body)!.AsObject());
        _turns.Enqueue(turn);
        var reply = Responder(turn);
        return Results.Text(reply.ToCompletion(() => $"call_{Interlocked.Increment(ref _callIds)}", Model).ToJsonString(), "application/json");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
