using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using AgentHub.Core.Background;
using AgentHub.Core.Catalog;
using AgentHub.Core.Common;
using AgentHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentHub.Core.Webhooks;

/// <summary>
/// The anonymous side of webhooks: finds the endpoint by its key, verifies the delivery from its raw bytes, and stores
/// each event with one insert, unique per endpoint and event id, before answering. A duplicate answers 200 and changes
/// nothing in the inbox; a refusal is counted on the endpoint and leaves no trace in the inbox. Payloads are never logged.
/// </summary>
public sealed partial class WebhookReceiver(
    IDbContextFactory<AgentHubDbContext> dbFactory,
    IIntegrationCatalog catalog,
    WebhookProtector protector,
    WebhookVerifier verifier,
    WebhookSignal signal,
    IOptionsMonitor<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookReceiver> logger)
{
    public static string HashKey(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public async Task<WebhookTarget?> FindAsync(string providerId, string key, CancellationToken cancellationToken = default)
    {
        if (catalog.FindProvider(providerId) is not { Webhook: { } hook } provider || key.Length is < 16 or > 128)
        {
            return null;
        }

        var hash = HashKey(key);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var endpoint = await db.WebhookEndpoints.AsNoTracking()
            .Where(e => e.KeyHash == hash && e.ProviderId == providerId)
            .Select(e => new { e.Id, e.WorkspaceId, e.ProtectedSecrets })
            .SingleOrDefaultAsync(cancellationToken);
        return endpoint is null ? null : new WebhookTarget(endpoint.Id, endpoint.WorkspaceId, provider, hook, endpoint.ProtectedSecrets);
    }

    public async Task<WebhookReceipt> ReceiveAsync(WebhookTarget target, WebhookRequest request, string? contentType, CancellationToken cancellationToken = default)
    {
        var secrets = protector.UnprotectSecrets(target.WorkspaceId, target.Provider.Id, target.ProtectedSecrets);
        var rejection = verifier.Verify(target.Hook, secrets, request);
        if (rejection != WebhookRejection.None)
        {
            await CountRejectionAsync(target, rejection, cancellationToken);
            return WebhookReceipt.Rejected;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var events = WebhookEventReader.Read(target.Hook, request.Body, contentType);
        if (events.Count > options.CurrentValue.MaxEventsPerDelivery)
        {
            LogTooManyEvents(logger, target.Provider.Id, target.EndpointId, events.Count);
            return new WebhookReceipt(WebhookReceiptKind.TooManyEvents);
        }
        var stored = await InsertAllAsync(target, events, now, cancellationToken);
        var duplicates = events.Count - stored;

        if (duplicates > 0)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await db.WebhookEndpoints.Where(e => e.Id == target.EndpointId).ExecuteUpdateAsync(
                u => u.SetProperty(e => e.DuplicateCount, e => e.DuplicateCount + duplicates).SetProperty(e => e.LastDuplicateAt, now), cancellationToken);
        }

        if (stored > 0)
        {
            signal.Wake();
        }

        LogReceived(logger, target.Provider.Id, target.EndpointId, stored, duplicates);
        return new WebhookReceipt(WebhookReceiptKind.Accepted, stored, duplicates);
    }

    /// <summary>
    /// The providers' address checks: Meta echoes <c>hub.challenge</c> when <c>hub.verify_token</c> matches; X's CRC is
    /// answered with the HMAC of <c>crc_token</c>; Mailchimp's GET only needs the address to exist.
    /// </summary>
    public async Task<WebhookReceipt> HandshakeAsync(WebhookTarget target, Func<string, string?> query, CancellationToken cancellationToken = default)
    {
        if (target.Hook.Handshake == WebhookHandshake.None)
        {
            return new WebhookReceipt(WebhookReceiptKind.NoHandshake);
        }

        var secrets = protector.UnprotectSecrets(target.WorkspaceId, target.Provider.Id, target.ProtectedSecrets);
        switch (target.Hook.Handshake)
        {
            case WebhookHandshake.Meta:
                var token = query("hub.verify_token");
                if (query("hub.mode") == "subscribe" && query("hub.challenge") is { Length: > 0 and <= 256 } challenge &&
                    token is not null && secrets.TryGetValue("verify_token", out var expected) &&
                    CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(token)), SHA256.HashData(Encoding.UTF8.GetBytes(expected))))
                {
                    return new WebhookReceipt(WebhookReceiptKind.Challenge, Body: challenge, ContentType: "text/plain");
                }

                break;
            case WebhookHandshake.TwitterCrc:
                if (query("crc_token") is not { } crc || !CrcToken().IsMatch(crc))
                {
                    // Only X's own shape is signed: an HMAC of attacker-chosen text (a JSON body) would be a valid
                    // x-twitter-webhooks-signature for a forged delivery of that text.
                    return new WebhookReceipt(WebhookReceiptKind.BadChallenge);
                }

                if (target.Hook.SecretField is { } field && secrets.TryGetValue(field, out var secret))
                {
                    var answer = System.Text.Json.JsonSerializer.Serialize(new { response_token = WebhookVerifier.TwitterCrcResponse(secret, crc) });
                    return new WebhookReceipt(WebhookReceiptKind.Challenge, Body: answer, ContentType: "application/json");
                }

                break;
            case WebhookHandshake.Mailchimp:
                return new WebhookReceipt(WebhookReceiptKind.Challenge, Body: "", ContentType: "text/plain");
        }

        await CountRejectionAsync(target, WebhookRejection.BadSignature, cancellationToken);
        return WebhookReceipt.Rejected;
    }

    /// <summary>
    /// Stores the events of one delivery, each unique per endpoint and event id (the unique index decides, across
    /// instances): all in one insert when none is a duplicate (the usual case), else one by one; returns how many were new.
    /// </summary>
    private async Task<int> InsertAllAsync(WebhookTarget target, IReadOnlyList<WebhookEvent> events, DateTime now, CancellationToken cancellationToken)
    {
        var distinct = events.DistinctBy(e => e.EventId).ToList();
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            db.WebhookDeliveries.AddRange(distinct.Select(e => NewDelivery(target, e, now)));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return distinct.Count;
            }
            catch (DbUpdateException) when (distinct.Count > 1)
            {
                // At least one is already there: store the others one by one.
            }
            catch (DbUpdateException)
            {
                if (await ExistsAsync(target, distinct[0], cancellationToken))
                {
                    return 0;
                }

                throw;
            }
        }

        var stored = 0;
        foreach (var item in distinct)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            db.WebhookDeliveries.Add(NewDelivery(target, item, now));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                stored++;
            }
            catch (DbUpdateException)
            {
                if (!await ExistsAsync(target, item, cancellationToken))
                {
                    throw;
                }
            }
        }

        return stored;
    }

    /// <summary>
    /// Whether the event is in the inbox: a failed insert is a duplicate only if the row is there; any other failure must
    /// not be answered 200 (the provider retries).
    /// </summary>
    private async Task<bool> ExistsAsync(WebhookTarget target, WebhookEvent item, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.WebhookDeliveries.AnyAsync(d => d.EndpointId == target.EndpointId && d.EventId == item.EventId, cancellationToken);
    }

    private WebhookDelivery NewDelivery(WebhookTarget target, WebhookEvent item, DateTime now) => new()
    {
        Id = Guid.NewGuid(),
        EndpointId = target.EndpointId,
        WorkspaceId = target.WorkspaceId,
        ProviderId = target.Provider.Id,
        EventId = item.EventId,
        EventType = item.EventType,
        SubjectId = item.SubjectId,
        ProtectedPayload = protector.ProtectPayload(target.WorkspaceId, target.Provider.Id, item.Payload),
        PayloadBytes = Encoding.UTF8.GetByteCount(item.Payload),
        Status = WebhookDeliveryStatus.Received,
        ReceivedAt = now,
        NextAttemptAt = now,
    };

    private async Task CountRejectionAsync(WebhookTarget target, WebhookRejection reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.WebhookEndpoints.Where(e => e.Id == target.EndpointId).ExecuteUpdateAsync(
            u => u.SetProperty(e => e.RejectedCount, e => e.RejectedCount + 1).SetProperty(e => e.LastRejectedAt, now), cancellationToken);
        LogRejected(logger, target.Provider.Id, target.EndpointId, reason);
    }

    /// <summary>X's crc_token: a short base64 or base64url token (no braces, quotes or spaces: never a JSON body).</summary>
    [GeneratedRegex(@"\A[A-Za-z0-9_\-+/]{8,128}={0,2}\z", RegexOptions.CultureInvariant)]
    private static partial Regex CrcToken();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery for {Provider} endpoint {EndpointId} refused: {Events} events, over the limit")]
    private static partial void LogTooManyEvents(ILogger logger, string provider, Guid endpointId, int events);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook delivery for {Provider} endpoint {EndpointId}: {Stored} stored, {Duplicates} duplicates")]
    private static partial void LogReceived(ILogger logger, string provider, Guid endpointId, int stored, int duplicates);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery for {Provider} endpoint {EndpointId} refused: {Reason}")]
    private static partial void LogRejected(ILogger logger, string provider, Guid endpointId, WebhookRejection reason);
}
