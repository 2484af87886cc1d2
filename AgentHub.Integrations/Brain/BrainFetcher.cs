using System.Net;
using System.Net.Http.Headers;
using System.Xml;
using AgentHub.Core.Brain;
using AgentHub.Core.Common;
using AgentHub.Integrations.Http;
using Microsoft.Extensions.Options;

namespace AgentHub.Integrations.Brain;

/// <summary>
/// Reads web pages for the Brain through the egress guard: https to public addresses only (an operator may trust
/// named hosts, such as an intranet, in <c>Brain:TrustedHosts</c>), redirects followed by hand with each hop judged
/// again before any connection, and a page over the size limit cut rather than buffered whole.
/// </summary>
public sealed class BrainFetcher(IHttpClientFactory clients, EgressConnector connector, IOptionsMonitor<BrainFetchOptions> options) : IBrainFetcher
{
    public const string ClientName = "AgentHub.Brain";
    private const int MaxRedirects = 5;

    public async Task<Sentence?> RefusalAsync(Uri address, CancellationToken cancellationToken)
    {
        if (!address.IsAbsoluteUri || !string.IsNullOrEmpty(address.UserInfo))
        {
            return new Sentence("Brain_UrlInvalid");
        }

        return await connector.RefusalAsync(address, Trusted(address), cancellationToken) switch
        {
            null => null,
            EgressRefusal.HttpsOnly => new Sentence("Brain_UrlHttpsOnly"),
            EgressRefusal.Private => new Sentence("Brain_UrlPrivate", address.Host),
            _ => new Sentence("Brain_UrlUnresolvable", address.Host),
        };
    }

    public async Task<BrainWebPage> FetchAsync(Uri address, string? etag, string? lastModified, long maxBytes, CancellationToken cancellationToken)
    {
        var client = clients.CreateClient(ClientName);
        var current = address;
        for (var hop = 0; hop <= MaxRedirects; hop++)
        {
            if (await RefusalAsync(current, cancellationToken) is { } refusal)
            {
                throw new BrainExtractionException(refusal);
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            request.Options.Set(EgressRequestOptions.OperatorTarget, Trusted(current));
            request.Headers.UserAgent.Add(new ProductInfoHeaderValue("AgentHub-Brain", "1.0"));
            if (etag is not null && EntityTagHeaderValue.TryParse(etag, out var tag))
            {
                request.Headers.IfNoneMatch.Add(tag);
            }

            if (lastModified is not null && DateTimeOffset.TryParse(lastModified, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var since))
            {
                request.Headers.IfModifiedSince = since;
            }

            HttpResponseMessage response;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(options.CurrentValue.RequestTimeout);
                response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            }
            catch (Exception ex) when (EgressBlockedException.FindIn(ex) is not null)
            {
                throw new BrainExtractionException(new Sentence("Brain_UrlPrivate", current.Host), ex);
            }
            catch (Exception ex) when (ex is HttpRequestException or (OperationCanceledException and not TaskCanceledException { CancellationToken.IsCancellationRequested: true }) && !cancellationToken.IsCancellationRequested)
            {
                throw new BrainExtractionException(new Sentence("Brain_PageUnreachable", current.Host), ex);
            }

            using (response)
            {
                if (response.StatusCode == HttpStatusCode.NotModified)
                {
                    return new BrainWebPage(current, [], etag, lastModified, NotModified: true);
                }

                if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    current = location.IsAbsoluteUri ? location : new Uri(current, location);
                    etag = lastModified = null;
                    continue;
                }

                if (!response.IsSuccessStatusCode)
                {
                    throw new BrainExtractionException(new Sentence("Brain_PageStatus", current.Host, (int)response.StatusCode));
                }

                // Cut at the limit, not buffered whole.
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                var (content, truncated) = await BoundedRead.ReadAsync(body, maxBytes, cancellationToken);
                return new BrainWebPage(current, content, response.Headers.ETag?.ToString(),
                    response.Content.Headers.LastModified?.ToString("R", System.Globalization.CultureInfo.InvariantCulture), Truncated: truncated);
            }
        }

        throw new BrainExtractionException(new Sentence("Brain_TooManyRedirects", MaxRedirects));
    }

    public async Task<IReadOnlyList<Uri>> SitemapAsync(Uri site, int max, long maxBytes, CancellationToken cancellationToken)
    {
        var pages = new List<Uri>();
        var sitemaps = new Queue<Uri>([new Uri(site, "/sitemap.xml")]);
        var read = 0;
        while (sitemaps.Count > 0 && pages.Count < max && read++ < 5)
        {
            BrainWebPage sitemap;
            try
            {
                sitemap = await FetchAsync(sitemaps.Dequeue(), null, null, maxBytes, cancellationToken);
            }
            catch (BrainExtractionException)
            {
                break; // no sitemap, or none AgentHub may read: the page alone
            }

            foreach (var (location, isSitemap) in Locations(sitemap.Content))
            {
                if (!Uri.TryCreate(location, UriKind.Absolute, out var uri) || !string.Equals(uri.Host, site.Host, StringComparison.OrdinalIgnoreCase))
                {
                    continue; // another site's pages are not this source's
                }

                if (isSitemap)
                {
                    sitemaps.Enqueue(uri);
                }
                else if (pages.Count < max && !pages.Contains(uri))
                {
                    pages.Add(uri);
                }
            }
        }

        return pages;
    }

    /// <summary>The &lt;loc&gt; of each &lt;url&gt; (a page) or &lt;sitemap&gt; (a nested sitemap) of a sitemap; nothing for what is not XML.</summary>
    private static List<(string Location, bool IsSitemap)> Locations(byte[] content)
    {
        var found = new List<(string, bool)>();
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = 50_000_000 };
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(content), settings);
            var parent = "";
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                if (reader.LocalName is "url" or "sitemap")
                {
                    parent = reader.LocalName;
                }
                else if (reader.LocalName == "loc")
                {
                    found.Add((reader.ReadElementContentAsString().Trim(), parent == "sitemap"));
                }
            }
        }
        catch (XmlException)
        {
            // What was read before the damage still counts.
        }

        return found;
    }

    private bool Trusted(Uri address) => options.CurrentValue.TrustedHosts.Contains(address.Host, StringComparer.OrdinalIgnoreCase);
}

/// <summary>How the Brain reads web pages (section "Brain").</summary>
public sealed class BrainFetchOptions
{
    /// <summary>Hosts an operator trusts (an intranet, a test double): read over http or https even at private addresses. Users cannot set it.</summary>
    public IReadOnlyList<string> TrustedHosts { get; set; } = [];

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(20);
}
