using System.Net;
using System.Net.Sockets;
using AgentHub.Core.Connections;
using AgentHub.Integrations;
using AgentHub.Integrations.Catalog;
using AgentHub.Integrations.Checks;
using AgentHub.Integrations.Http;
using AgentHub.Tests.Infrastructure;

namespace AgentHub.Tests.Integrations;

/// <summary>
/// The SSRF suite. Private, link-local and metadata destinations are proven refused by the guard's decision
/// (<see cref="EgressConnector.SelectAddressesAsync"/>) on literals and through injected resolvers: no socket is ever
/// opened to them, even if the guard were broken. End-to-end refusals use loopback listeners only.
/// </summary>
public sealed class EgressGuardTests
{
    public static TheoryData<string> BlockedLiteralHosts => new()
    {
        "127.0.0.1", "127.1", "127.255.255.254", "2130706433", "0x7f000001", "0x7f.0.0.1", "0177.0.0.1", "017700000001",
        "0.0.0.0", "0", "10.0.0.1", "10.255.255.255", "012.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1", "0xc0a80001",
        "169.254.169.254", "2852039166", "0xa9fea9fe", "0251.0376.0251.0376", "169.254.0.1", "100.64.0.1", "100.127.255.254",
        "192.0.0.170", "192.0.2.1", "198.18.0.1", "224.0.0.1", "255.255.255.255",
        "[::1]", "[::]", "[0:0:0:0:0:0:0:1]", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[::ffff:169.254.169.254]",
        "[::ffff:10.0.0.1]", "[::127.0.0.1]", "[fc00::1]", "[fd00:ec2::254]", "[fe80::1]", "[fec0::1]", "[ff02::1]",
        "[64:ff9b::a9fe:a9fe]", "[64:ff9b::7f00:1]", "[2002:7f00:1::]", "[2002:a9fe:a9fe::1]", "[2001:db8::1]",
    };

    [Theory]
    [MemberData(nameof(BlockedLiteralHosts))]
    public async Task ALiteralPrivateLoopbackOrMetadataAddress_IsRefused_InEveryNotation(string host)
    {
        // Uri canonicalises decimal, octal and hex IPv4 notations, as HttpClient does before it connects.
        var uri = new Uri($"https://{host}/");
        Assert.True(uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6, $"{host} parsed as {uri.HostNameType}");

        var connector = new EgressConnector(new NoNetworkResolver());
        var refused = await Assert.ThrowsAsync<EgressBlockedException>(() => connector.SelectAddressesAsync(uri.Host, operatorTarget: false, default));
        Assert.Contains("private, loopback or reserved", refused.Message);
    }

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:93.184.216.34")]
    public void APublicAddress_IsAllowedByThePolicy(string address)
    {
        // Decision only: nothing connects to these.
        Assert.True(EgressAddressPolicy.IsPublic(IPAddress.Parse(address)));
    }

    public static TheoryData<string, string[]> PrivateNames => new()
    {
        { "internal.example", ["10.0.0.5"] },
        { "metadata.example", ["169.254.169.254"] },
        { "loopback.example", ["127.0.0.1", "::1"] },
        { "ula.example", ["fd12:3456::1"] },
        { "mapped.example", ["::ffff:192.168.0.1"] },
        { "cgnat.example", ["100.100.100.200"] },
        { "zero.example", ["0.0.0.0"] },
    };

    [Theory]
    [MemberData(nameof(PrivateNames))]
    public async Task ANameThatResolvesToPrivateAddresses_IsRefused(string host, string[] addresses)
    {
        var connector = new EgressConnector(new MapResolver(_ => addresses.Select(IPAddress.Parse).ToArray()));

        await Assert.ThrowsAsync<EgressBlockedException>(() => connector.SelectAddressesAsync(host, operatorTarget: false, default));
    }

    [Fact]
    public async Task ANameWithPublicAndPrivateAddresses_KeepsOnlyThePublicOnes()
    {
        var connector = new EgressConnector(new MapResolver(_ => [IPAddress.Parse("10.0.0.1"), IPAddress.Parse("93.184.216.34"), IPAddress.Parse("169.254.169.254")]));

        var allowed = await connector.SelectAddressesAsync("mixed.example", operatorTarget: false, default);

        Assert.Equal([IPAddress.Parse("93.184.216.34")], allowed);
    }

    [Fact]
    public async Task ARebindingResolver_IsJudgedOnEachAnswer_AndTheCheckedAnswerIsTheOneUsed()
    {
        var calls = 0;
        var connector = new EgressConnector(new MapResolver(_ => Interlocked.Increment(ref calls) == 1
            ? [IPAddress.Parse("93.184.216.34")]
            : [IPAddress.Parse("127.0.0.1")]));

        // First answer public: those exact addresses are what the connect step would dial (decision only here).
        Assert.Equal([IPAddress.Parse("93.184.216.34")], await connector.SelectAddressesAsync("rebind.example", false, default));
        // The rebound answer is refused; there is no second, unchecked resolution between check and connect.
        await Assert.ThrowsAsync<EgressBlockedException>(() => connector.SelectAddressesAsync("rebind.example", false, default));
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task EndToEnd_ANameResolvingToLoopback_IsNeverConnectedTo()
    {
        await using var listener = await LoopbackListener.StartAsync();
        using var client = GuardedClient(new MapResolver(_ => [IPAddress.Loopback]));

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync($"https://rebind.example:{listener.Port}/"));

        Assert.NotNull(EgressBlockedException.FindIn(ex));
        await Task.Delay(100); // give a connection that should not exist time to be counted
        Assert.Equal(0, listener.Connections);
    }

    [Fact]
    public async Task EndToEnd_ALoopbackLiteral_IsNeverConnectedTo()
    {
        await using var listener = await LoopbackListener.StartAsync();
        using var client = GuardedClient(new NoNetworkResolver());

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync($"https://127.0.0.1:{listener.Port}/"));

        Assert.NotNull(EgressBlockedException.FindIn(ex));
        await Task.Delay(100); // give a connection that should not exist time to be counted
        Assert.Equal(0, listener.Connections);
    }

    [Fact]
    public async Task EndToEnd_AnOperatorTarget_MayBeLoopback()
    {
        await using var listener = await LoopbackListener.StartAsync();
        using var client = GuardedClient(new NoNetworkResolver());
        using var request = new HttpRequestMessage(HttpMethod.Get, listener.Url);
        request.Options.Set(EgressRequestOptions.OperatorTarget, true);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));

        // The listener accepts and closes without answering; what matters is that the connection was allowed.
        var ex = await Assert.ThrowsAnyAsync<Exception>(() => client.SendAsync(request, timeout.Token));
        Assert.Null(EgressBlockedException.FindIn(ex));
        for (var i = 0; i < 100 && listener.Connections == 0; i++)
        {
            await Task.Delay(10);
        }

        Assert.True(listener.Connections >= 1, ex.ToString());
    }

    [Theory]
    [InlineData("http://example.test/")]
    [InlineData("ftp://example.test/")]
    [InlineData("file:///etc/passwd")]
    [InlineData("https://user@example.test/")]
    [InlineData("https://user:password@example.test/")]
    public async Task ANonHttpsSchemeOrUserInfo_IsRefusedBeforeAnyConnection(string url)
    {
        var resolved = 0;
        using var client = GuardedClient(new MapResolver(_ =>
        {
            Interlocked.Increment(ref resolved);
            throw new SocketException((int)SocketError.HostNotFound);
        }));

        var ex = await Assert.ThrowsAsync<EgressBlockedException>(() => client.GetAsync(url));

        Assert.Contains("only https", ex.Message);
        Assert.Equal(0, resolved);
    }

    public static TheoryData<string, string, string> HostTricks => new()
    {
        { "zendesk", "subdomain", "acme.zendesk.com.evil.example" },
        { "zendesk", "subdomain", "evil.example#" },
        { "zendesk", "subdomain", "evil.example/" },
        { "zendesk", "subdomain", "user@evil.example" },
        { "zendesk", "subdomain", "evil.example:8443" },
        { "zendesk", "subdomain", "127.0.0.1" },
        { "freshdesk", "domain", "evil.example?" },
        { "salesforce", "instance_url", "https://acme.my.salesforce.com.evil.example" },
        { "salesforce", "instance_url", "https://evil.example/.my.salesforce.com" },
        { "salesforce", "instance_url", "https://acme.my.salesforce.com@evil.example" },
        { "salesforce", "instance_url", "http://acme.my.salesforce.com" },
        { "intercom", "region", "evil.example" },
        { "mailchimp", "api_key", "0123456789abcdef-us21.evil.example" },
    };

    [Theory]
    [MemberData(nameof(HostTricks))]
    public void AHostTrickInAField_NeverBecomesTheRequestHost(string providerId, string field, string value)
    {
        // The factory is the last line: it refuses values that skipped validation (stored by an older version, say).
        var catalog = CatalogLoader.LoadEmbedded();
        var check = catalog.FindCheck(providerId)!;
        var values = new Dictionary<string, string>(FakeProviders.Get(providerId).Valid) { [field] = value };
        var factory = new ProviderRequestFactory(new StaticOptions(new IntegrationsOptions()));

        var request = factory.Create(check, values);

        Assert.Null(request.Message);
        Assert.Equal(OutcomeReason.InvalidInput, request.Invalid!.Reason);
        Assert.Equal(field, request.Invalid.Field);
    }

    private static HttpClient GuardedClient(IHostResolver resolver)
    {
        var connector = new EgressConnector(resolver);
        var handler = new SocketsHttpHandler { ConnectCallback = connector.ConnectAsync, AllowAutoRedirect = false, UseProxy = false };
        return new HttpClient(new EgressPolicyHandler { InnerHandler = handler });
    }

    private sealed class MapResolver(Func<string, IPAddress[]> resolve) : IHostResolver
    {
        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) => Task.FromResult(resolve(host));
    }
}
