using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AgentHub.Core.Actions;
using AgentHub.Core.CallLog;
using AgentHub.Core.Catalog;
using AgentHub.Core.Common;
using AgentHub.Core.Connections;
using AgentHub.Integrations.Catalog;
using AgentHub.Integrations.Checks;
using AgentHub.Integrations.Http;
using Microsoft.Extensions.Options;

namespace AgentHub.Integrations.Actions;

/// <summary>
/// Carries out a catalog action: each step through the guarded egress client within the provider's pace and the
/// background time budget, each call recorded in the call log (host and path only). A read may be retried on a
/// transient failure; a write is sent once. Any failure, including a provider that hangs or answers garbage, is an
/// outcome with a sentence, never an exception, so the task's model hears about it as a tool result.
/// </summary>
public sealed class CatalogActionExecutor(
    IntegrationCatalog catalog,
    ActionRequestFactory requests,
    ProviderExchange exchange,
    ICallLogWriter callLog,
    IOptionsMonitor<IntegrationsOptions> options,
    TimeProvider time) : IActionExecutor
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public async Task<ActionOutcome> ExecuteAsync(ActionRequest request, CancellationToken cancellationToken)
    {
        var check = catalog.FindCheck(request.ProviderId)
            ?? throw new ArgumentException($"Unknown provider {request.ProviderId}.", nameof(request));
        var action = check.Actions.GetValueOrDefault(request.ActionName)
            ?? throw new ArgumentException($"{request.ProviderId} has no action {request.ActionName}.", nameof(request));
        var provider = check.Provider;
        var write = action.Effect == ActionEffect.Write;

        var values = new Dictionary<string, string>(request.Values, StringComparer.Ordinal);
        var secrets = provider.SecretFields.Select(f => values.GetValueOrDefault(f.Name)).OfType<string>().Where(v => v.Length > 0).ToList();

        var budget = options.CurrentValue.BackgroundTimeout;
        using var budgetTimer = new CancellationTokenSource(budget, time);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budgetTimer.Token);

        string? body = null;
        int status = 0;
        for (var i = 0; i < action.Steps.Count; i++)
        {
            var step = action.Steps[i];
            var built = requests.Create(check, step, request.OAuth, request.Arguments, values);
            secrets.AddRange(built.Secrets);
            if (built.Invalid is { } invalid)
            {
                return ActionOutcome.Failed(invalid.Message, reason: OutcomeReason.InvalidInput);
            }

            using var message = built.Message!;
            // A read may be retried on a transient failure; a write goes out once (its outcome must be known, not guessed).
            message.Options.Set(EgressResilience.Background, !write);
            if (write && request.IdempotencyKey is { } key)
            {
                message.Headers.TryAddWithoutValidation(IdempotencyHeader, $"{key}-{i + 1}");
            }

            var started = time.GetTimestamp();
            var answer = await exchange.SendAsync(request.WorkspaceId, provider, built, budget, timeout.Token, cancellationToken);
            await callLog.RecordAsync(new ProviderCall
            {
                WorkspaceId = request.WorkspaceId,
                ProviderId = provider.Id,
                Method = built.Method,
                Host = built.Host,
                Path = built.Path,
                StatusCode = answer.Answered ? (int)answer.Status : null,
                Reason = answer.Failure ?? ((int)answer.Status is >= 200 and < 300 ? OutcomeReason.Ok : ReasonOf((int)answer.Status)),
                DurationMs = (int)Math.Min(int.MaxValue, time.GetElapsedTime(started).TotalMilliseconds),
                Background = true,
                CreatedAt = time.GetUtcNow().UtcDateTime,
            }, CancellationToken.None);

            if (answer.Failure is { } failure)
            {
                return ActionOutcome.Failed(answer.FailureMessage!, reason: failure);
            }

            (status, body) = ((int)answer.Status, answer.Body);
            if (status is < 200 or >= 300)
            {
                return ActionOutcome.Failed(ErrorSentence(check, provider.Name, status, body, secrets), status, ReasonOf(status));
            }

            if (step.Capture is { Count: > 0 } capture)
            {
                using var document = TryParse(body);
                foreach (var (name, path) in capture)
                {
                    var captured = document is null ? null
                        : OutcomeClassifier.Select(document.RootElement, path).Select(OutcomeClassifier.AsText).FirstOrDefault(t => !string.IsNullOrEmpty(t));
                    if (captured is null)
                    {
                        return ActionOutcome.Failed($"{provider.Name} answered step {i + 1} without the expected {path}.", status, OutcomeReason.ProviderError);
                    }

                    values[name] = captured;
                    secrets.Add(captured); // a captured token (Grammarly's) is as secret as the credentials it came from
                }
            }
        }

        return Result(action, provider.Name, status, body ?? "", secrets);
    }

    private static ActionOutcome Result(ActionSpec action, string providerName, int status, string body, IReadOnlyList<string> secrets)
    {
        if (action.Body == CheckBody.Text)
        {
            if (action.TextErrorPattern is { } pattern && Regex.IsMatch(body.TrimStart(), pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100)))
            {
                return ActionOutcome.Failed($"{providerName} answered: {OutcomeClassifier.Sanitize(body, secrets)}", status, OutcomeReason.ProviderError);
            }

            var text = SecretRedactor.Redact(body.Trim(), secrets);
            return new ActionOutcome(true, JsonProjection.Fit(new JsonObject { ["text"] = text.Length > action.MaxChars ? text[..action.MaxChars] : text }, action.MaxChars + 64), status);
        }

        if (action.Keep.Count == 0)
        {
            return new ActionOutcome(true, new JsonObject { ["status"] = status }.ToJsonString(), status);
        }

        JsonNode? root;
        try
        {
            root = string.IsNullOrWhiteSpace(body) ? null : JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return ActionOutcome.Failed($"{providerName} answered with something that is not JSON.", status, OutcomeReason.ProviderError);
        }

        var kept = JsonProjection.Keep(root, action.Keep);
        return new ActionOutcome(true, SecretRedactor.Redact(JsonProjection.Fit(kept, action.MaxChars), secrets), status);
    }

    private static Sentence ErrorSentence(ProviderCheck check, string providerName, int status, string body, IReadOnlyList<string> secrets)
    {
        string? detail = null;
        using (var document = TryParse(body))
        {
            if (document is not null)
            {
                detail = check.Spec.MessagePaths
                    .Select(path => OutcomeClassifier.Select(document.RootElement, path).Select(OutcomeClassifier.AsText).FirstOrDefault(t => !string.IsNullOrWhiteSpace(t)))
                    .FirstOrDefault(t => t is not null);
            }
        }

        detail = OutcomeClassifier.Sanitize(detail ?? body, secrets);
        var (alone, withDetail) = status switch
        {
            401 or 403 => ("Actions_RefusedCredentials", "Actions_RefusedCredentialsDetail"),
            404 => ("Actions_NoSuchItem", "Actions_NoSuchItemDetail"),
            429 => ("Actions_SlowDown", "Actions_SlowDownDetail"),
            >= 500 => ("Actions_ProviderFailed", "Actions_ProviderFailedDetail"),
            _ => ("Actions_Refused", "Actions_RefusedDetail"),
        };
        // The provider's own words (its message, secrets redacted) stay as they are: data, not ours to translate.
        return detail is null ? new Sentence(alone, providerName, status) : new Sentence(withDetail, providerName, status, detail);
    }

    private static OutcomeReason ReasonOf(int status) => status switch
    {
        401 or 403 => OutcomeReason.AuthInvalid,
        429 => OutcomeReason.RateLimited,
        >= 500 => OutcomeReason.ProviderError,
        _ => OutcomeReason.InvalidInput,
    };

    private static JsonDocument? TryParse(string body)
    {
        try
        {
            return string.IsNullOrWhiteSpace(body) ? null : JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
