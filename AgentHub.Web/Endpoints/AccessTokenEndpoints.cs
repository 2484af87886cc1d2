using System.Text.Json.Serialization;
using AgentHub.Core.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace AgentHub.Web.Endpoints;

/// <summary>Personal access tokens: each person lists, makes (the value shown once) and revokes their own.</summary>
public static class AccessTokenEndpoints
{
    public static RouteGroupBuilder MapAccessTokenEndpoints(this RouteGroupBuilder root)
    {
        var tokens = root.MapGroup("/tokens").WithTags("Access tokens");
        tokens.MapGet("/", List).WithName("ListAccessTokens").WithSummary("Your access tokens (never their values), newest first, with their last use.");
        tokens.MapPost("/", Create).WithName("CreateAccessToken")
            .WithSummary("Makes an access token: name, scope (api or mcp), access (read or write), expires_in_days (1-365). 201 with its value, shown this once.")
            .ProducesValidationProblem();
        tokens.MapDelete("/{token_id:guid}", Revoke).WithName("RevokeAccessToken").WithSummary("Revokes one of your tokens: it stops working at once.");
        return root;
    }

    public static async Task<Ok<AccessTokenListResponse>> List(Caller caller, AccessTokenService tokens, CancellationToken cancellationToken) =>
        TypedResults.Ok(new AccessTokenListResponse(await tokens.ListAsync(caller.Actor, cancellationToken)));

    public static async Task<Created<AccessTokenCreated>> Create([FromBody] CreateAccessTokenRequest request, Caller caller, AccessTokenService tokens,
        CancellationToken cancellationToken)
    {
        var created = await tokens.CreateAsync(caller.Actor, request, cancellationToken);
        return TypedResults.Created($"/api/tokens/{created.View.Id}", created);
    }

    public static async Task<NoContent> Revoke([FromRoute(Name = "token_id")] Guid tokenId, Caller caller, AccessTokenService tokens, CancellationToken cancellationToken)
    {
        await tokens.RevokeAsync(caller.Actor, tokenId, cancellationToken);
        return TypedResults.NoContent();
    }
}

public sealed record AccessTokenListResponse([property: JsonPropertyName("tokens")] IReadOnlyList<AccessTokenView> Tokens);
