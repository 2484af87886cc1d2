using AgentHub.Core.CallLog;
using AgentHub.Core.Connections;
using AgentHub.Integrations.Catalog;
using AgentHub.Integrations.Http;
using Microsoft.Extensions.Options;

namespace AgentHub.Integrations.Checks;

/// <summary>
/// The one verifier for every provider: builds the catalog's request, paces it within the provider's limits, sends it
/// through the egress client within the time budget, reads a bounded answer, classifies it and records the call.
/// Nothing a provider does (hang, slow or huge body, redirect, garbage) escapes as an exception: each is an outcome.
/// </summary>
public sealed class CatalogConnectionVerifier(
    IntegrationCatalog catalog,
    ProviderRequestFactory requests,
    ProviderExchange exchange,
    ICallLogWriter callLog,
    IOptionsMonitor<IntegrationsOptions> options,
    TimeProvider time) : IConnectionVerifier
{
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
        using var message = built.Message!;
        message.Options.Set(EgressResilience.Background, request.Mode == VerificationMode.Background);
        var answer = await exchange.SendAsync(request.WorkspaceId, check.Provider, built, budget, timeoutToken, callerToken);
        return answer.Failure is { } reason
            ? new VerificationOutcome(reason, answer.FailureMessage!)
            : OutcomeClassifier.Classify(check, request.Values, built.Secrets, answer.Status, answer.RetryAfter, answer.Body);
    }
}
