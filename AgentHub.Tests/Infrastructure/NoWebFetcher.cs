using AgentHub.Core.Brain;
using AgentHub.Core.Common;

namespace AgentHub.Tests.Infrastructure;

/// <summary>The Brain's page reader for component tests: it reads nothing and refuses every address, so no page test reaches a network.</summary>
public sealed class NoWebFetcher : IBrainFetcher
{
    public Task<Sentence?> RefusalAsync(Uri address, CancellationToken cancellationToken) =>
        Task.FromResult<Sentence?>(new Sentence("Brain_UrlUnresolvable", address.Host));

    public Task<BrainWebPage> FetchAsync(Uri address, string? etag, string? lastModified, long maxBytes, CancellationToken cancellationToken) =>
        throw new BrainExtractionException(new Sentence("Brain_PageUnreachable", address.Host));

    public Task<IReadOnlyList<Uri>> SitemapAsync(Uri site, int max, long maxBytes, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Uri>>([]);
}
