using AgentHub.Integrations.Catalog;
using AgentHub.Integrations.Http;

namespace AgentHub.Tests.Integrations;

public sealed class ProviderThrottleTests
{
    private static readonly IntegrationCatalog Catalog = CatalogLoader.LoadEmbedded();

    [Fact]
    public async Task CallsBeyondTheDocumentedRate_AreRefusedLocally_PerWorkspace()
    {
        using var throttle = new ProviderThrottle(Catalog, queueLimit: 0);
        var workspace = Guid.NewGuid();

        // SEMrush documents 10 requests per second.
        var leases = new List<System.Threading.RateLimiting.RateLimitLease>();
        for (var i = 0; i < 10; i++)
        {
            leases.Add(await throttle.AcquireAsync(workspace, "semrush", default));
        }

        Assert.All(leases, l => Assert.True(l.IsAcquired));
        using var eleventh = await throttle.AcquireAsync(workspace, "semrush", default);
        Assert.False(eleventh.IsAcquired);

        using var otherWorkspace = await throttle.AcquireAsync(Guid.NewGuid(), "semrush", default);
        Assert.True(otherWorkspace.IsAcquired);
        using var otherProvider = await throttle.AcquireAsync(workspace, "ahrefs", default);
        Assert.True(otherProvider.IsAcquired);
        leases.ForEach(l => l.Dispose());
    }

    [Fact]
    public async Task MailchimpsConcurrencyLimit_HoldsTheEleventhCallUntilOneFinishes()
    {
        using var throttle = new ProviderThrottle(Catalog, queueLimit: 0);
        var workspace = Guid.NewGuid();

        var held = new List<System.Threading.RateLimiting.RateLimitLease>();
        for (var i = 0; i < 10; i++)
        {
            held.Add(await throttle.AcquireAsync(workspace, "mailchimp", default));
        }

        Assert.All(held, l => Assert.True(l.IsAcquired));
        using (var refused = await throttle.AcquireAsync(workspace, "mailchimp", default))
        {
            Assert.False(refused.IsAcquired);
        }

        held[0].Dispose();
        using var next = await throttle.AcquireAsync(workspace, "mailchimp", default);
        Assert.True(next.IsAcquired);
        held.Skip(1).ToList().ForEach(l => l.Dispose());
    }
}
