using System.Buffers;
using AgentHub.Core.Webhooks;
using AgentHub.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace AgentHub.Web.Endpoints;

/// <summary>
/// Webhooks: the anonymous receiving address of each connection (`/hooks/{provider_id}/{key}`: POST a delivery, GET a
/// verification handshake), and the API over endpoints, deliveries and rules.
/// </summary>
public static class WebhookEndpoints
{
    /// <summary>The receiving addresses: anonymous, rate-limited per key, bodies up to `Webhooks:MaxBodyBytes` (1 MB).</summary>
    public static IEndpointRouteBuilder MapWebhookReceiver(this IEndpointRouteBuilder app)
    {
        var hooks = app.MapGroup("/hooks/{provider_id}/{key}")
            .AllowAnonymous()
            .DisableAntiforgery()
            .RequireRateLimiting(AuthServiceCollectionExtensions.WebhooksLimit)
            .WithTags("Webhooks");
        hooks.MapPost("/", Receive).WithName("ReceiveWebhook")
            .WithSummary("Receives a provider's delivery: verified from the raw bytes, stored once, answered at once.");
        hooks.MapGet("/", Handshake).WithName("WebhookHandshake")
            .WithSummary("Answers the provider's verification of the address (Meta hub.challenge, X CRC, Mailchimp).");
        return app;
    }

    public static RouteGroupBuilder MapWebhookApiEndpoints(this RouteGroupBuilder root)
    {
        var integration = root.MapGroup("/integrations/{agent_id}/{integration_id}").WithTags("Webhooks");
        integration.MapGet("/webhook", GetEndpoint).WithName("GetWebhook")
            .WithSummary("The integration's webhook address (owners and admins), how it is verified, and its recent deliveries.");
        integration.MapPut("/webhook", SaveSecrets).WithName("SaveWebhookSecrets")
            .WithSummary("Stores the webhook's verification secrets (encrypted, never shown back).")
            .ProducesValidationProblem();
        integration.MapPost("/webhook/rotate", Rotate).WithName("RotateWebhookKey")
            .WithSummary("Gives the webhook a new address; the old one answers 404 from now on.");
        integration.MapGet("/events", ListEvents).WithName("ListWebhookEvents")
            .WithSummary("The integration's webhook deliveries, newest first, without payloads.");

        root.MapPost("/webhook-deliveries/{delivery_id:guid}/replay", Replay).WithTags("Webhooks").WithName("ReplayWebhookDelivery")
            .WithSummary("Queues a dead-lettered delivery for another attempt now.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        var rules = root.MapGroup("/webhook-rules").WithTags("Webhooks");
        rules.MapGet("/", ListRules).WithName("ListWebhookRules").WithSummary("The workspace's rules, and the catalog's suggestions (off).");
        rules.MapPut("/", SaveRule).WithName("SaveWebhookRule")
            .WithSummary("Creates or updates the rule for a provider, event type and agent.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        rules.MapDelete("/{rule_id:guid}", DeleteRule).WithName("DeleteWebhookRule").WithSummary("Deletes a rule.");
        return root;
    }

    public static async Task<IResult> Receive(
        [FromRoute(Name = "provider_id")] string providerId, string key, HttpContext http, WebhookReceiver receiver, IOptions<WebhookOptions> options,
        UnknownWebhookKeyLimiter misses, CancellationToken cancellationToken)
    {
        var (target, refusal) = await FindAsync(providerId, key, http, receiver, misses, cancellationToken);
        if (target is null)
        {
            return refusal!;
        }

        var body = await ReadBodyAsync(http.Request, options.Value.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return TypedResults.Problem(Problems.TooLarge(options.Value.MaxBodyBytes));
        }

        var request = new WebhookRequest(http.Request.Method, http.Request.Path + http.Request.QueryString, name => Header(http, name), body);
        var receipt = await receiver.ReceiveAsync(target, request, http.Request.ContentType, cancellationToken);
        return receipt.Kind switch
        {
            WebhookReceiptKind.Accepted => TypedResults.Ok(new { received = receipt.Stored, duplicates = receipt.Duplicates }),
            WebhookReceiptKind.TooManyEvents => TypedResults.Problem(Problems.Of(
                StatusCodes.Status413PayloadTooLarge, "Too many events", $"A delivery may carry at most {options.Value.MaxEventsPerDelivery} events; nothing was stored.")),
            _ => TypedResults.Unauthorized(),
        };
    }

    public static async Task<IResult> Handshake(
        [FromRoute(Name = "provider_id")] string providerId, string key, HttpContext http, WebhookReceiver receiver, UnknownWebhookKeyLimiter misses,
        CancellationToken cancellationToken)
    {
        var (target, refusal) = await FindAsync(providerId, key, http, receiver, misses, cancellationToken);
        if (target is null)
        {
            return refusal!;
        }

        var receipt = await receiver.HandshakeAsync(target, name => http.Request.Query.TryGetValue(name, out var v) ? v.ToString() : null, cancellationToken);
        return receipt.Kind switch
        {
            WebhookReceiptKind.Challenge => TypedResults.Text(receipt.Body ?? "", receipt.ContentType),
            WebhookReceiptKind.NoHandshake => TypedResults.StatusCode(StatusCodes.Status405MethodNotAllowed),
            WebhookReceiptKind.BadChallenge => TypedResults.Problem(Problems.Of(
                StatusCodes.Status400BadRequest, "Bad request", "The verification challenge is not of the shape the provider sends.")),
            _ => TypedResults.Unauthorized(),
        };
    }

    public static async Task<Ok<WebhookEndpointView>> GetEndpoint([AsParameters] IntegrationRoute route, Caller caller, WebhookService webhooks, CancellationToken cancellationToken) =>
        TypedResults.Ok(await webhooks.GetAsync(caller.Actor, route.AgentId, route.IntegrationId, cancellationToken));

    public static async Task<Ok<WebhookEndpointView>> SaveSecrets(
        [AsParameters] IntegrationRoute route, [FromBody] WebhookSecretsRequest request, Caller caller, WebhookService webhooks, CancellationToken cancellationToken) =>
        TypedResults.Ok(await webhooks.SaveSecretsAsync(caller.Actor, route.AgentId, route.IntegrationId, request.Secrets ?? [], cancellationToken));

    public static async Task<Ok<WebhookEndpointView>> Rotate([AsParameters] IntegrationRoute route, Caller caller, WebhookService webhooks, CancellationToken cancellationToken) =>
        TypedResults.Ok(await webhooks.RotateKeyAsync(caller.Actor, route.AgentId, route.IntegrationId, cancellationToken));

    public static async Task<Ok<WebhookDeliveryListResponse>> ListEvents(
        [AsParameters] IntegrationRoute route, Caller caller, WebhookService webhooks, [FromQuery] int? limit, CancellationToken cancellationToken) =>
        TypedResults.Ok(new WebhookDeliveryListResponse(await webhooks.ListDeliveriesAsync(caller.Actor, route.AgentId, route.IntegrationId, limit ?? 100, cancellationToken)));

    public static async Task<Ok<WebhookDeliveryView>> Replay([FromRoute(Name = "delivery_id")] Guid deliveryId, Caller caller, WebhookService webhooks, CancellationToken cancellationToken) =>
        TypedResults.Ok(await webhooks.ReplayAsync(caller.Actor, deliveryId, cancellationToken));

    public static async Task<Ok<WebhookRuleListResponse>> ListRules(
        Caller caller, WebhookRuleService rules, [FromQuery(Name = "provider_id")] string? providerId, CancellationToken cancellationToken) =>
        TypedResults.Ok(new WebhookRuleListResponse(await rules.ListAsync(caller.Actor, providerId, cancellationToken)));

    public static async Task<Ok<WebhookRuleView>> SaveRule([FromBody] SaveWebhookRuleRequest request, Caller caller, WebhookRuleService rules, CancellationToken cancellationToken) =>
        TypedResults.Ok(await rules.SaveAsync(caller.Actor, request, cancellationToken));

    public static async Task<NoContent> DeleteRule([FromRoute(Name = "rule_id")] Guid ruleId, Caller caller, WebhookRuleService rules, CancellationToken cancellationToken)
    {
        await rules.DeleteAsync(caller.Actor, ruleId, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// The endpoint of the key; else 404, or 429 once this client address has tried too many unknown keys. A known
    /// key is always looked up and served, so a guesser sharing an address with a provider (or a proxy) cannot block
    /// real deliveries; the limit makes guessing slow and says so.
    /// </summary>
    private static async Task<(WebhookTarget? Target, IResult? Refusal)> FindAsync(
        string providerId, string key, HttpContext http, WebhookReceiver receiver, UnknownWebhookKeyLimiter misses, CancellationToken cancellationToken)
    {
        if (await receiver.FindAsync(providerId, key, cancellationToken) is { } target)
        {
            return (target, null);
        }

        return (null, misses.TryCountMiss(http) ? TypedResults.NotFound() : TooManyMisses(http));
    }

    private static IResult TooManyMisses(HttpContext http)
    {
        http.Response.Headers.RetryAfter = "60";
        return TypedResults.Problem(Problems.TooManyRequests(60));
    }

    /// <summary>The raw body, or null when it is larger than <paramref name="limit"/> (nothing more is read).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            using var body = new MemoryStream();
            int read;
            while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (body.Length + read > limit)
                {
                    return null;
                }

                body.Write(buffer, 0, read);
            }

            return body.ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string? Header(HttpContext http, string name) =>
        http.Request.Headers.TryGetValue(name, out var values) && values.Count > 0 ? values.ToString() : null;
}

public sealed record WebhookSecretsRequest(Dictionary<string, string?>? Secrets);

public sealed record WebhookDeliveryListResponse(IReadOnlyList<WebhookDeliveryView> Events);

public sealed record WebhookRuleListResponse(IReadOnlyList<WebhookRuleView> Rules);
