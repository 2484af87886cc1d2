using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

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
        var app = LoopbackApp.Create();
        var server = new FakeModelServer(app);
        app.MapPost("/v1/chat/completions", (Delegate)server.CompleteAsync);
        app.MapPost("/v1/embeddings", (Delegate)server.EmbedAsync);
        server.Endpoint = await LoopbackApp.StartAsync(app) + "/v1";
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
        StreamPace = TimeSpan.Zero;
        StreamGate = null;
        GateAfterChunks = 3;
    }

    private async Task<IResult> CompleteAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        RawRequests.Enqueue(body);
        if (KeyRefused(context) is { } refused)
        {
            return refused;
        }

        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, context.RequestAborted);
        }

        var turn = new ModelTurn(JsonNode.Parse(body)!.AsObject());
        _turns.Enqueue(turn);
        var reply = Responder(turn);
        if ((bool?)turn.Request["stream"] == true)
        {
            await StreamAsync(context, reply, (bool?)turn.Request["stream_options"]?["include_usage"] == true);
            return Results.Empty;
        }

        return Results.Text(reply.ToCompletion(() => $"call_{Interlocked.Increment(ref _callIds)}", Model).ToJsonString(), "application/json");
    }

    /// <summary>Time between two streamed chunks (a model writing at a pace).</summary>
    public TimeSpan StreamPace { get; set; }

    /// <summary>When set, a streamed answer stops after <see cref="GateAfterChunks"/> chunks until the test opens it.</summary>
    public TaskCompletionSource? StreamGate { get; set; }

    public int GateAfterChunks { get; set; } = 3;

    /// <summary>Called as each chunk with text has been flushed to the app (a benchmark's "the model's first token").</summary>
    public Action<string>? ContentSent { get; set; }

    /// <summary>
    /// `stream: true` as the API documents it: server-sent `chat.completion.chunk` events, the text a word at a time,
    /// each tool call's id and name first and its arguments in two pieces, the finish reason in the last choice, the
    /// usage in one more chunk with no choices when `stream_options.include_usage` asks for it, then `data: [DONE]`.
    /// </summary>
    private async Task StreamAsync(HttpContext context, ModelReply reply, bool includeUsage)
    {
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        var id = $"chatcmpl-{Guid.NewGuid():N}";
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var sent = 0;
        async Task SendAsync(JsonObject delta, string? finish = null, JsonObject? usage = null, bool noChoices = false)
        {
            if (sent > 0 && StreamPace > TimeSpan.Zero)
            {
                await Task.Delay(StreamPace, context.RequestAborted);
            }

            if (sent == GateAfterChunks && StreamGate is { } gate)
            {
                await gate.Task.WaitAsync(context.RequestAborted);
            }

            var chunk = new JsonObject
            {
                ["id"] = id,
                ["object"] = "chat.completion.chunk",
                ["created"] = created,
                ["model"] = Model,
                ["choices"] = noChoices ? new JsonArray() : new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }),
            };
            if (usage is not null)
            {
                chunk["usage"] = usage;
            }

            await context.Response.WriteAsync($"data: {chunk.ToJsonString()}\n\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            sent++;
            if ((string?)delta["content"] is { Length: > 0 } content)
            {
                ContentSent?.Invoke(content);
            }
        }

        await SendAsync(new JsonObject { ["role"] = "assistant", ["content"] = "" });
        if (reply.Text is { Length: > 0 } text)
        {
            foreach (System.Text.RegularExpressions.Match word in System.Text.RegularExpressions.Regex.Matches(text, @"\S+\s*|\s+"))
            {
                await SendAsync(new JsonObject { ["content"] = word.Value });
            }
        }

        foreach (var (call, index) in reply.Calls.Select((c, i) => (c, i)))
        {
            var arguments = System.Text.Json.JsonSerializer.Serialize(call.Arguments);
            var half = arguments.Length / 2;
            await SendAsync(new JsonObject
            {
                ["tool_calls"] = new JsonArray(new JsonObject
                {
                    ["index"] = index,
                    ["id"] = $"call_{Interlocked.Increment(ref _callIds)}",
                    ["type"] = "function",
                    ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = arguments[..half] },
                }),
            });
            await SendAsync(new JsonObject { ["tool_calls"] = new JsonArray(new JsonObject { ["index"] = index, ["function"] = new JsonObject { ["arguments"] = arguments[half..] } }) });
        }

        await SendAsync(new JsonObject(), reply.Calls.Count > 0 ? "tool_calls" : "stop");
        if (includeUsage)
        {
            await SendAsync(new JsonObject(), usage: ModelReply.Usage(), noChoices: true);
        }

        await context.Response.WriteAsync("data: [DONE]\n\n", context.RequestAborted);
    }

    /// <summary>How long the embedding vectors are (the benchmark asks for 768).</summary>
    public int EmbeddingDimensions { get; set; } = FakeEmbedding.DefaultDimensions;

    /// <summary>When set, the embeddings endpoint answers 400 (a model that cannot embed).</summary>
    public bool EmbeddingsFail { get; set; }

    /// <summary>The documented 401 for a request without this model's key; null when the key is right.</summary>
    private static IResult? KeyRefused(HttpContext context) =>
        context.Request.Headers.Authorization.ToString() == $"Bearer {ApiKey}"
            ? null
            : Results.Json(new { error = new { message = "Incorrect API key provided.", type = "invalid_request_error", code = "invalid_api_key" } }, statusCode: 401);

    /// <summary>The texts the embeddings endpoint was asked for, one entry per request.</summary>
    public ConcurrentQueue<IReadOnlyList<string>> EmbeddingRequests { get; } = new();

    /// <summary>
    /// `POST /v1/embeddings` as documented: `input` a string or an array, `encoding_format` float (numbers) or base64
    /// (little-endian float32), `data[i].index`, and `usage`. The vectors are <see cref="FakeEmbedding"/>'s: words that
    /// mean the same thing (price, cost, tarif) point the same way, so a search by meaning finds what words miss.
    /// </summary>
    private async Task<IResult> EmbedAsync(HttpContext context)
    {
        var request = (await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))!.AsObject();
        if (KeyRefused(context) is { } refused)
        {
            return refused;
        }

        if (EmbeddingsFail)
        {
            return Results.Json(new { error = new { message = "This model does not support embeddings.", type = "invalid_request_error" } }, statusCode: 400);
        }

        IReadOnlyList<string> inputs = request["input"] is JsonArray array ? array.Select(i => (string)i!).ToList() : [(string)request["input"]!];
        EmbeddingRequests.Enqueue(inputs);
        var base64 = (string?)request["encoding_format"] == "base64";
        var data = new JsonArray();
        foreach (var (input, index) in inputs.Select((t, i) => (t, i)))
        {
            var vector = FakeEmbedding.Of(input, EmbeddingDimensions);
            data.Add(new JsonObject
            {
                ["object"] = "embedding",
                ["index"] = index,
                ["embedding"] = base64
                    ? JsonValue.Create(Convert.ToBase64String(System.Runtime.InteropServices.MemoryMarshal.AsBytes(vector.AsSpan()).ToArray()))
                    : new JsonArray([.. vector.Select(v => (JsonNode?)JsonValue.Create(v))]),
            });
        }

        var tokens = inputs.Sum(i => i.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        return Results.Text(new JsonObject
        {
            ["object"] = "list",
            ["data"] = data,
            ["model"] = (string?)request["model"],
            ["usage"] = new JsonObject { ["prompt_tokens"] = tokens, ["total_tokens"] = tokens },
        }.ToJsonString(), "application/json");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
