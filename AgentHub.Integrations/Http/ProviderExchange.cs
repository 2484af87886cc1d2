using System.Net;
using System.Text;
using AgentHub.Core.Catalog;
using AgentHub.Core.Connections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;

namespace AgentHub.Integrations.Http;

/// <summary>
/// What came of one request to a provider: its answer (status, bounded body, Retry-After), or, short of an answer,
/// why not (<see cref="Failure"/>) with a sentence for the person or the model.
/// </summary>
public readonly record struct ProviderAnswer(HttpStatusCode Status, string Body, TimeSpan? RetryAfter, OutcomeReason? Failure, string? FailureMessage)
{
    public bool Answered => Failure is null;

    public static ProviderAnswer Failed(OutcomeReason reason, string message) => new(default, "", null, reason, message);
}

/// <summary>
/// Sends one request to a provider the way checks and actions both must: within the provider's pace, through the
/// guarded egress client, reading a bounded answer. Nothing a provider or the network does (hang, open circuit,
/// blocked address, refused connection) escapes as an exception: each is a failed <see cref="ProviderAnswer"/>.
/// </summary>
public sealed partial class ProviderExchange(
    ProviderThrottle throttle,
    IHttpClientFactory clients,
    IOptionsMonitor<IntegrationsOptions> options,
    TimeProvider time,
    ILogger<ProviderExchange> logger)
{
    public const string EgressClientName = "AgentHub.Egress";

    /// <param name="budget">The time budget <paramref name="timeoutToken"/> enforces (named in the timeout sentence).</param>
    /// <param name="callerToken">The caller's own token: its cancellation is rethrown, never turned into a timeout.</param>
    public async Task<ProviderAnswer> SendAsync(
        Guid workspaceId,
        ProviderDefinition provider,
        ProviderRequest built,
        TimeSpan budget,
        CancellationToken timeoutToken,
        CancellationToken callerToken)
    {
        try
        {
            using var lease = await throttle.AcquireAsync(workspaceId, provider.Id, timeoutToken);
            if (!lease.IsAcquired)
            {
                return ProviderAnswer.Failed(OutcomeReason.RateLimited,
                    $"AgentHub is pacing its calls to {provider.Name} to stay within {provider.Name}'s rate limit. Try again in a moment.");
            }

            using var response = await clients.CreateClient(EgressClientName).SendAsync(built.Message!, HttpCompletionOption.ResponseHeadersRead, timeoutToken);
            var body = await ReadBoundedAsync(response, options.CurrentValue.MaxResponseBytes, timeoutToken);
            return new ProviderAnswer(response.StatusCode, body, RetryAfter(response), null, null);
        }
        catch (OperationCanceledException) when (!callerToken.IsCancellationRequested)
        {
            LogUnreachable(logger, provider.Id, built.Host, "timeout");
            return ProviderAnswer.Failed(OutcomeReason.Unreachable, $"{provider.Name} did not answer within {budget.TotalSeconds:0} seconds.");
        }
        catch (BrokenCircuitException)
        {
            LogUnreachable(logger, provider.Id, built.Host, "circuit open");
            return ProviderAnswer.Failed(OutcomeReason.Unreachable,
                $"{built.Host} failed repeatedly just now, so AgentHub paused calls to it for a short while. Try again in a minute.");
        }
        catch (Exception ex) when (EgressBlockedException.FindIn(ex) is { } blocked)
        {
            LogUnreachable(logger, provider.Id, built.Host, "blocked");
            return ProviderAnswer.Failed(OutcomeReason.Unreachable, $"AgentHub refused to connect: {blocked.Message}");
        }
        catch (HttpRequestException ex)
        {
            LogUnreachable(logger, provider.Id, built.Host, ex.HttpRequestError.ToString());
            return ProviderAnswer.Failed(OutcomeReason.Unreachable, $"{OutcomeReason.Unreachable.Sentence(provider.Name)} ({Describe(ex.HttpRequestError)})");
        }
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes; a provider's answer is small and a huge one is cut, not buffered.</summary>
    internal static async Task<string> ReadBoundedAsync(HttpResponseMessage response, int limit, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[Math.Min(limit, 64 * 1024)];
        using var collected = new MemoryStream();
        int read;
        while (collected.Length < limit &&
               (read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, limit - collected.Length)), cancellationToken)) > 0)
        {
            collected.Write(buffer, 0, read);
        }

        return Encoding.UTF8.GetString(collected.GetBuffer(), 0, (int)collected.Length);
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow(),
        _ => response.StatusCode == HttpStatusCode.TooManyRequests &&
             response.Headers.TryGetValues("x-rate-limit-reset", out var reset) &&
             long.TryParse(reset.FirstOrDefault(), out var epoch)
            ? DateTimeOffset.FromUnixTimeSeconds(epoch) - time.GetUtcNow()
            : null,
    };

    private static string Describe(HttpRequestError error) => error switch
    {
        HttpRequestError.NameResolutionError => "the host name could not be resolved",
        HttpRequestError.ConnectionError => "the connection was refused or dropped",
        HttpRequestError.SecureConnectionError => "the TLS handshake failed",
        _ => "the request failed",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request to {ProviderId} at {Host} failed before an answer: {Cause}")]
    private static partial void LogUnreachable(ILogger logger, string providerId, string host, string cause);
}
