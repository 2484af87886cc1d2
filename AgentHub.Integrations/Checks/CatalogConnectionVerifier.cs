using System.Net;
using System.Text;
using AgentHub.Core.CallLog;
using AgentHub.Core.Connections;
using AgentHub.Integrations.Catalog;
using AgentHub.Integrations.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;

namespace AgentHub.Integrations.Checks;

/// <summary>
/// The one verifier for every provider: builds the catalog's request, paces it within the provider's limits, sends it
/// through the egress client within the time budget, reads a bounded answer, classifies it and records the call.
/// Nothing a provider does (hang, slow or huge body, redirect, garbage) escapes as an exception: each is an outcome.
/// </summary>
public sealed partial class CatalogConnectionVerifier(
    IntegrationCatalog catalog,
    ProviderRequestFactory requests,
    ProviderThrottle throttle,
    IHttpClientFactory clients,
    ICallLogWriter callLog,
    IOptionsMonitor<IntegrationsOptions> options,
    TimeProvider time,
    ILogger<CatalogConnectionVerifier> logger) : IConnectionVerifier
{
    public const string EgressClientName = "AgentHub.Egress";

    public async Task<VerificationOutcome> VerifyAsync(VerificationRequest request, CancellationToken cancellationToken)
    {
        var check = catalog.FindCheck(request.ProviderId)
            ?? throw new ArgumentException($"Unknown provider {request.ProviderId}.", nameof(request));
        var built = requests.Create(check, request.Values, request.OAuth);
        if (built.Invalid is { } invalid)
        {
            return invalid;
        }

        var settings = options.CurrentValue;
        var budget = request.Mode == VerificationMode.Interactive ? settings.InteractiveTimeout : settings.BackgroundTimeout;
        // The budget runs on the injected clock (tests advance a fake one instead of waiting).
        using var budgetTimer = new CancellationTokenSource(budget, time);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budgetTimer.Token);

        var started = time.GetTimestamp();
        var outcome = await SendAsync(check, request, built, budget, timeout.Token, cancellationToken);
        var elapsed = time.GetElapsedTime(started);
        outcome = outcome with { Duration = elapsed };

        await callLog.RecordAsync(new ProviderCall
        {
            WorkspaceId = request.WorkspaceId,
            ProviderId = check.Provider.Id,
            Method = built.Method,
            Host = built.Host,
            Path = built.Path,
            StatusCode = outcome.HttpStatus,
            Reason = outcome.Reason,
            DurationMs = (int)Math.Min(int.MaxValue, elapsed.TotalMilliseconds),
            Background = request.Mode == VerificationMode.Background,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        }, cancellationToken);
        return outcome;
    }

    private async Task<VerificationOutcome> SendAsync(
        ProviderCheck check,
        VerificationRequest request,
        ProviderRequest built,
        TimeSpan budget,
        CancellationToken timeoutToken,
        CancellationToken callerToken)
    {
        var provider = check.Provider;
        using var message = built.Message!;
        message.Options.Set(EgressResilience.Background, request.Mode == VerificationMode.Background);
        try
        {
            using var lease = await throttle.AcquireAsync(request.WorkspaceId, provider.Id, timeoutToken);
            if (!lease.IsAcquired)
            {
                return new VerificationOutcome(
                    OutcomeReason.RateLimited,
                    $"AgentHub is pacing its calls to {provider.Name} to stay within {provider.Name}'s rate limit. Try again in a moment.");
            }

            var client = clients.CreateClient(EgressClientName);
            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeoutToken);
            var body = await ReadBoundedAsync(response, options.CurrentValue.MaxResponseBytes, timeoutToken);
            return OutcomeClassifier.Classify(check, request.Values, built.Secrets, response.StatusCode, RetryAfter(response), body);
        }
        catch (OperationCanceledException) when (!callerToken.IsCancellationRequested)
        {
            LogUnreachable(logger, provider.Id, built.Host, "timeout");
            return Unreachable($"{provider.Name} did not answer within {budget.TotalSeconds:0} seconds.");
        }
        catch (BrokenCircuitException)
        {
            LogUnreachable(logger, provider.Id, built.Host, "circuit open");
            return Unreachable($"{built.Host} failed repeatedly just now, so AgentHub paused calls to it for a short while. Try again in a minute.");
        }
        catch (Exception ex) when (EgressBlockedException.FindIn(ex) is { } blocked)
        {
            LogUnreachable(logger, provider.Id, built.Host, "blocked");
            return Unreachable($"AgentHub refused to connect: {blocked.Message}");
        }
        catch (HttpRequestException ex)
        {
            LogUnreachable(logger, provider.Id, built.Host, ex.HttpRequestError.ToString());
            return Unreachable($"{OutcomeReason.Unreachable.Sentence(provider.Name)} ({Describe(ex.HttpRequestError)})");
        }
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

    private static VerificationOutcome Unreachable(string message) => new(OutcomeReason.Unreachable, message);

    private static string Describe(HttpRequestError error) => error switch
    {
        HttpRequestError.NameResolutionError => "the host name could not be resolved",
        HttpRequestError.ConnectionError => "the connection was refused or dropped",
        HttpRequestError.SecureConnectionError => "the TLS handshake failed",
        _ => "the request failed",
    };

    /// <summary>Reads at most <paramref name="limit"/> bytes; a verification answer is small and a huge one is cut, not buffered.</summary>
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Verification of {ProviderId} at {Host} failed before an answer: {Cause}")]
    private static partial void LogUnreachable(ILogger logger, string providerId, string host, string cause);
}
