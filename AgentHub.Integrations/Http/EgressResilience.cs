using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace AgentHub.Integrations.Http;

/// <summary>
/// The resilience pipeline of the egress client (Microsoft.Extensions.Http.Resilience): background calls retry
/// transient failures with jittered exponential backoff and honour Retry-After; interactive calls get one attempt;
/// 401/403 are never retried; a circuit breaker per authority (scheme, host, port) isolates one broken tenant host.
/// </summary>
public static class EgressResilience
{
    public const string PipelineName = "AgentHub.Egress";

    /// <summary>Marks a request as a background call, which may be retried.</summary>
    public static readonly HttpRequestOptionsKey<bool> Background = new("AgentHub.Background");

    public static IHttpClientBuilder AddEgressResilience(this IHttpClientBuilder builder)
    {
        builder.AddResilienceHandler(PipelineName, (pipeline, context) =>
        {
            // Retry delays and the breaker's windows already run on the DI TimeProvider (Polly reads it from there);
            // the Retry-After check below reads the same clock.
            var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = 3,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(500),
                MaxDelay = TimeSpan.FromSeconds(10),
                ShouldRetryAfterHeader = true,
                ShouldHandle = args => ValueTask.FromResult(
                    IsBackground(args.Context) && IsTransient(args.Outcome) && !WaitsTooLong(args.Outcome.Result, time)),
            });
            pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                FailureRatio = 0.5,
                MinimumThroughput = 6,
                SamplingDuration = TimeSpan.FromSeconds(60),
                BreakDuration = TimeSpan.FromSeconds(30),
                ShouldHandle = args => ValueTask.FromResult(IsHostFailure(args.Outcome)),
            });
        })
        .SelectPipelineByAuthority();
        return builder;
    }

    private static bool IsBackground(ResilienceContext context) =>
        context.GetRequestMessage()?.Options.TryGetValue(Background, out var background) == true && background;

    /// <summary>Worth another attempt: the network failed, the provider was overloaded or asked us to wait.</summary>
    internal static bool IsTransient(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: { } ex } => ex is HttpRequestException or TimeoutException && EgressBlockedException.FindIn(ex) is null,
        { Result: { } response } => response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
                                    || (int)response.StatusCode >= 500,
        _ => false,
    };

    /// <summary>A provider that asks for a longer pause than a background check can afford gets its 429 reported, not waited out.</summary>
    private static bool WaitsTooLong(HttpResponseMessage? response, TimeProvider time) =>
        response?.Headers.RetryAfter?.Delta > MaxRetryAfter ||
        response?.Headers.RetryAfter?.Date - time.GetUtcNow() > MaxRetryAfter;

    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(10);

    /// <summary>Counts against the host's circuit: it is down or erroring, not merely refusing one tenant's key.</summary>
    private static bool IsHostFailure(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: { } ex } => ex is HttpRequestException or TimeoutException && EgressBlockedException.FindIn(ex) is null,
        { Result: { } response } => (int)response.StatusCode >= 500,
        _ => false,
    };
}
