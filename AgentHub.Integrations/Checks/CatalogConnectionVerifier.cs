using System.Diagnostics;
using System.Text;
using AgentHub.Core.Connections;
using AgentHub.Integrations.Catalog;
using AgentHub.Integrations.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentHub.Integrations.Checks;

/// <summary>
/// The one verifier for every provider: builds the catalog's request, sends it through the egress client within the
/// time budget, reads a bounded answer and classifies it. Nothing a provider does (hang, slow or huge body, redirect,
/// garbage) escapes as an exception: each becomes an outcome.
/// </summary>
public sealed partial class CatalogConnectionVerifier(
    IntegrationCatalog catalog,
    ProviderRequestFactory requests,
    IHttpClientFactory clients,
    IOptionsMonitor<IntegrationsOptions> options,
    ILogger<CatalogConnectionVerifier> logger) : IConnectionVerifier
{
    public const string EgressClientName = "AgentHub.Egress";

    public async Task<VerificationOutcome> VerifyAsync(VerificationRequest request, CancellationToken cancellationToken)
    {
        var check = catalog.FindCheck(request.ProviderId)
            ?? throw new ArgumentException($"Unknown provider {request.ProviderId}.", nameof(request));
        var provider = check.Provider;
        var built = requests.Create(check, request.Values);
        if (built.Invalid is { } invalid)
        {
            return invalid;
        }

        var settings = options.CurrentValue;
        var budget = request.Mode == VerificationMode.Interactive ? settings.InteractiveTimeout : settings.BackgroundTimeout;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(budget);

        var stopwatch = Stopwatch.StartNew();
        using var message = built.Message!;
        try
        {
            var client = clients.CreateClient(EgressClientName);
            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var body = await ReadBoundedAsync(response, settings.MaxResponseBytes, timeout.Token);
            var retryAfter = response.Headers.RetryAfter switch
            {
                { Delta: { } delta } => delta,
                { Date: { } date } => date - DateTimeOffset.UtcNow,
                _ => (TimeSpan?)null,
            };
            var outcome = OutcomeClassifier.Classify(check, request.Values, built.Secrets, response.StatusCode, retryAfter, body);
            return outcome with { Duration = stopwatch.Elapsed };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogUnreachable(logger, provider.Id, built.Host, "timeout");
            return Unreachable(provider.Name, $"{provider.Name} did not answer within {budget.TotalSeconds:0} seconds.", stopwatch.Elapsed);
        }
        catch (Exception ex) when (FindEgressBlock(ex) is { } blocked)
        {
            LogUnreachable(logger, provider.Id, built.Host, "blocked");
            return Unreachable(provider.Name, $"AgentHub refused to connect: {blocked.Message}", stopwatch.Elapsed);
        }
        catch (HttpRequestException ex)
        {
            LogUnreachable(logger, provider.Id, built.Host, ex.HttpRequestError.ToString());
            return Unreachable(provider.Name, $"{OutcomeReason.Unreachable.Sentence(provider.Name)} ({Describe(ex.HttpRequestError)})", stopwatch.Elapsed);
        }
    }

    private static VerificationOutcome Unreachable(string providerName, string message, TimeSpan duration) =>
        new(OutcomeReason.Unreachable, message, Duration: duration);

    private static EgressBlockedException? FindEgressBlock(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is EgressBlockedException blocked)
            {
                return blocked;
            }
        }

        return null;
    }

    private static string Describe(HttpRequestError error) => error switch
    {
        HttpRequestError.NameResolutionError => "the host name could not be resolved",
        HttpRequestError.ConnectionError => "the connection was refused or dropped",
        HttpRequestError.SecureConnectionError => "the TLS handshake failed",
        _ => "the request failed",
    };

    /// <summary>Reads at most <paramref name="limit"/> bytes; a verification answer is small and a huge one is cut, not buffered.</summary>
    private static async Task<string> ReadBoundedAsync(HttpResponseMessage response, int limit, CancellationToken cancellationToken)
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
