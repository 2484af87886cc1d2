using System.Text.Json;
using AgentHub.Core.Brain;
using AgentHub.Core.Common;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace AgentHub.Web.Endpoints;

/// <summary>The Brain: the business profile, its sources (notes, files, web pages) and search. Owners and admins manage; members read and search.</summary>
public static class BrainEndpoints
{
    /// <summary>Room for a multipart envelope around the largest file.</summary>
    private const long MultipartOverhead = 64 * 1024;

    public static RouteGroupBuilder MapBrainEndpoints(this RouteGroupBuilder root, long maxFileBytes)
    {
        var brain = root.MapGroup("/brain").WithTags("Brain");
        brain.MapGet("/profile", GetProfile).WithName("GetBrainProfile").WithSummary("The business profile every helper is given.");
        brain.MapPut("/profile", PutProfile).WithName("PutBrainProfile").WithSummary("Replaces the business profile (owners, admins).")
            .ProducesValidationProblem();
        brain.MapPost("/sources", AddSource).WithName("AddBrainSource")
            .WithSummary("Adds a source (owners, admins): multipart with a `file` part, or JSON {kind: note, title, text} or {kind: url, url, include_sitemap}. Answers 202: it is read in the background.")
            .WithMetadata(new RequestSizeLimitAttribute(maxFileBytes + MultipartOverhead))
            .Accepts<AddBrainSourceRequest>("application/json", "multipart/form-data")
            .Produces<BrainSourceView>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        brain.MapGet("/sources", ListSources).WithName("ListBrainSources").WithSummary("The workspace's sources with their status and progress.");
        brain.MapGet("/sources/{source_id:guid}", GetSource).WithName("GetBrainSource").WithSummary("A source's status, progress or error.");
        brain.MapDelete("/sources/{source_id:guid}", DeleteSource).WithName("DeleteBrainSource").WithSummary("Removes a source and everything indexed from it (owners, admins).");
        brain.MapPost("/sources/{source_id:guid}/resync", Resync).WithName("ResyncBrainSource")
            .WithSummary("Reads a source again (owners, admins); its current passages serve until the new ones are ready.")
            .Produces<BrainSourceView>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status409Conflict);
        brain.MapGet("/search", Search).WithName("SearchBrain").WithSummary("What a helper would find: the best passages for a query, each with its source and place.")
            .ProducesValidationProblem();
        return root;
    }

    public static async Task<Ok<BrainProfileView>> GetProfile(Caller caller, BrainService brain, CancellationToken cancellationToken) =>
        TypedResults.Ok(await brain.GetProfileAsync(caller.Actor, cancellationToken));

    public static async Task<Ok<BrainProfileView>> PutProfile([FromBody] BrainProfileRequest request, Caller caller, BrainService brain, CancellationToken cancellationToken) =>
        TypedResults.Ok(await brain.SaveProfileAsync(caller.Actor, request, cancellationToken));

    public static async Task<Results<Accepted<BrainSourceView>, ProblemHttpResult>> AddSource(
        HttpRequest request, Caller caller, BrainService brain, CancellationToken cancellationToken)
    {
        BrainSourceView source;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            var file = form.Files.GetFile("file") ?? throw Invalid("file", CoreText.Get("Brain_FilePartMissing"));
            await using var stream = file.OpenReadStream();
            source = await brain.AddFileAsync(caller.Actor, file.FileName, stream, cancellationToken);
        }
        else if (request.HasJsonContentType())
        {
            AddBrainSourceRequest? body;
            try
            {
                body = await request.ReadFromJsonAsync<AddBrainSourceRequest>(cancellationToken);
            }
            catch (JsonException)
            {
                return TypedResults.Problem(Infrastructure.Problems.MalformedBody());
            }

            source = body?.Kind switch
            {
                "note" => await brain.AddNoteAsync(caller.Actor, new BrainNoteRequest(body.Title, body.Text), cancellationToken),
                "url" => await brain.AddUrlAsync(caller.Actor, new BrainUrlRequest(body.Url, body.IncludeSitemap ?? false), cancellationToken),
                _ => throw Invalid("kind", CoreText.Get("Brain_KindInvalid")),
            };
        }
        else
        {
            return TypedResults.Problem(Infrastructure.Problems.Of(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                "Send multipart/form-data with a file part, or application/json."));
        }

        return TypedResults.Accepted($"/api/brain/sources/{source.Id}", source);
    }

    public static async Task<Ok<BrainSourceListResponse>> ListSources(Caller caller, BrainService brain, CancellationToken cancellationToken) =>
        TypedResults.Ok(new BrainSourceListResponse(await brain.ListAsync(caller.Actor, cancellationToken)));

    public static async Task<Ok<BrainSourceView>> GetSource([FromRoute(Name = "source_id")] Guid sourceId, Caller caller, BrainService brain, CancellationToken cancellationToken) =>
        TypedResults.Ok(await brain.GetAsync(caller.Actor, sourceId, cancellationToken));

    public static async Task<NoContent> DeleteSource([FromRoute(Name = "source_id")] Guid sourceId, Caller caller, BrainService brain, CancellationToken cancellationToken)
    {
        await brain.DeleteAsync(caller.Actor, sourceId, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Accepted<BrainSourceView>> Resync([FromRoute(Name = "source_id")] Guid sourceId, Caller caller, BrainService brain, CancellationToken cancellationToken)
    {
        var source = await brain.ResyncAsync(caller.Actor, sourceId, cancellationToken);
        return TypedResults.Accepted($"/api/brain/sources/{source.Id}", source);
    }

    public static async Task<Ok<BrainSearchResults>> Search(
        Caller caller, BrainService brain, [FromQuery] string? q, [FromQuery] int? k, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(q) || q.Length > 500)
        {
            throw Invalid("q", CoreText.Get("Brain_QueryInvalid"));
        }

        if (k is < 1 or > BrainSearch.MaxResults)
        {
            throw Invalid("k", CoreText.Get("Brain_KInvalid", BrainSearch.MaxResults));
        }

        return TypedResults.Ok(await brain.SearchAsync(caller.Actor, q, k ?? 5, cancellationToken));
    }

    private static ValidationException Invalid(string field, string message) => new([new ValidationFailure(field, message)]);
}

/// <summary>A note or a web page to add (a file comes as multipart).</summary>
public sealed record AddBrainSourceRequest(string? Kind, string? Title = null, string? Text = null, string? Url = null, bool? IncludeSitemap = null);

public sealed record BrainSourceListResponse(IReadOnlyList<BrainSourceView> Sources);
