using System.Text.Json.Serialization;
using AgentHub.Core.Common;

namespace AgentHub.Core.Brain;

/// <summary>A source as the API and pages show it (never its content).</summary>
public sealed record BrainSourceView(
    Guid Id,
    BrainSourceKind Kind,
    string Title,
    BrainSourceStatus Status,
    string? Error,
    int Progress,
    string? Url,
    bool IncludeSitemap,
    string? FileName,
    string? MediaType,
    long Bytes,
    int ChunkCount,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? IndexedAt,
    [property: JsonIgnore] Sentence? ErrorSentence = null)
{
    /// <summary>The error in the reader's language.</summary>
    [JsonIgnore]
    public string? ErrorText => ErrorSentence?.InCurrentLanguage() ?? Error;

    public static BrainSourceView From(BrainSource source)
    {
        var error = Sentence.FromJson(source.ErrorJson);
        return new(source.Id, source.Kind, source.Title, source.Status, error?.English(), source.Progress, source.Url, source.IncludeSitemap,
            source.FileName, source.MediaType, source.Bytes, source.ChunkCount, source.CreatedAt, source.UpdatedAt, source.IndexedAt, error);
    }
}

/// <summary>One search result: the chunk's text and where it comes from (the source's title and the place in it).</summary>
public sealed record BrainSearchResult(Guid SourceId, string Title, string Location, string Text, double Score);

/// <summary>A search's results and the words it matched (for highlighting).</summary>
public sealed record BrainSearchResults(IReadOnlyList<BrainSearchResult> Results, [property: JsonIgnore] IReadOnlyList<string>? Terms = null);

/// <summary>The business profile as the API reads and writes it.</summary>
public sealed record BrainProfileView(
    string? BusinessName,
    string? Offer,
    string? Audience,
    string? Voice,
    string? WordsToUse,
    string? WordsToAvoid,
    string? Website,
    string Language,
    DateTime? UpdatedAt);

/// <summary>What a person sends to change the profile (the language is the workspace's setting).</summary>
public sealed record BrainProfileRequest(
    string? BusinessName,
    string? Offer,
    string? Audience,
    string? Voice,
    string? WordsToUse,
    string? WordsToAvoid,
    string? Website);

/// <summary>A web page to add, and whether to read the pages of its site's sitemap too.</summary>
public sealed record BrainUrlRequest(string? Url, bool IncludeSitemap);

/// <summary>A note to add.</summary>
public sealed record BrainNoteRequest(string? Title, string? Text);
