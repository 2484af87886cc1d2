using AgentHub.Core.Common;

namespace AgentHub.Core.Brain;

/// <summary>A web page as fetched: its bytes (cut at the size limit), its validators, or "not modified".</summary>
public sealed record BrainWebPage(Uri Address, byte[] Content, string? ETag, string? LastModified, bool NotModified = false, bool Truncated = false);

/// <summary>Reads web pages for the Brain through the egress guard (public addresses only, every redirect checked again).</summary>
public interface IBrainFetcher
{
    /// <summary>Why AgentHub will not read this address (a private or unresolvable host, a scheme other than http(s)), or null when it may.</summary>
    Task<Sentence?> RefusalAsync(Uri address, CancellationToken cancellationToken);

    /// <summary>The page, at most <paramref name="maxBytes"/> of it; conditional on the validators of the last read.</summary>
    /// <exception cref="BrainExtractionException">The page could not be read (refused, unreachable, an error status).</exception>
    Task<BrainWebPage> FetchAsync(Uri address, string? etag, string? lastModified, long maxBytes, CancellationToken cancellationToken);

    /// <summary>The page addresses of the site's sitemap (sitemap.xml at the site's root), same host only, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<Uri>> SitemapAsync(Uri site, int max, long maxBytes, CancellationToken cancellationToken);
}
