using System.Net;
using AgentHub.Integrations.Http;
using AgentHub.Tests.Infrastructure;

namespace AgentHub.Tests.Integrations;

/// <summary>
/// Finding 7: the egress policy is an allow-list of global unicast. One case per row of the IANA IPv4 and IPv6
/// Special-Purpose Address Registries (and the blocks outside them), with the decision written here by hand from the
/// registry, not read from the policy's own table. Decisions only: nothing connects to these addresses.
/// </summary>
public sealed class EgressRegistryTests
{
    public static TheoryData<string, bool, string> Cases => new()
    {
        // IPv4 Special-Purpose Address Registry
        { "0.1.2.3", false, "0.0.0.0/8 \"This network\"" },
        { "0.0.0.0", false, "0.0.0.0/32 \"This host on this network\"" },
        { "10.20.30.40", false, "10.0.0.0/8 Private-Use" },
        { "100.100.0.1", false, "100.64.0.0/10 Shared Address Space" },
        { "127.0.0.53", false, "127.0.0.0/8 Loopback" },
        { "169.254.169.254", false, "169.254.0.0/16 Link Local" },
        { "172.20.1.1", false, "172.16.0.0/12 Private-Use" },
        { "192.0.0.100", false, "192.0.0.0/24 IETF Protocol Assignments" },
        { "192.0.0.5", false, "192.0.0.0/29 IPv4 Service Continuity Prefix" },
        { "192.0.0.8", false, "192.0.0.8/32 IPv4 dummy address" },
        { "192.0.0.9", true, "192.0.0.9/32 Port Control Protocol Anycast" },
        { "192.0.0.10", true, "192.0.0.10/32 TURN Anycast" },
        { "192.0.0.170", false, "192.0.0.170/32 NAT64/DNS64 Discovery" },
        { "192.0.0.171", false, "192.0.0.171/32 NAT64/DNS64 Discovery" },
        { "192.0.2.55", false, "192.0.2.0/24 Documentation (TEST-NET-1)" },
        { "192.31.196.1", true, "192.31.196.0/24 AS112-v4" },
        { "192.52.193.7", true, "192.52.193.0/24 AMT" },
        { "192.88.99.1", false, "192.88.99.0/24 Deprecated 6to4 Relay Anycast" },
        { "192.168.1.1", false, "192.168.0.0/16 Private-Use" },
        { "192.175.48.6", true, "192.175.48.0/24 Direct Delegation AS112 Service" },
        { "198.19.255.254", false, "198.18.0.0/15 Benchmarking" },
        { "198.51.100.7", false, "198.51.100.0/24 Documentation (TEST-NET-2)" },
        { "203.0.113.9", false, "203.0.113.0/24 Documentation (TEST-NET-3)" },
        { "239.255.255.250", false, "224.0.0.0/4 Multicast" },
        { "250.1.2.3", false, "240.0.0.0/4 Reserved" },
        { "255.255.255.255", false, "255.255.255.255/32 Limited Broadcast" },
        { "8.8.8.8", true, "global unicast" },
        { "172.32.0.1", true, "global unicast just past 172.16.0.0/12" },

        // IPv6 Special-Purpose Address Registry
        { "::1", false, "::1/128 Loopback" },
        { "::", false, "::/128 Unspecified" },
        { "::ffff:10.0.0.1", false, "::ffff:0:0/96 IPv4-mapped, private IPv4" },
        { "::ffff:8.8.8.8", true, "::ffff:0:0/96 IPv4-mapped, public IPv4" },
        { "::ffff:0:808:808", false, "::ffff:0:0:0/96 IPv4-translated (outside 2000::/3)" },
        { "::8.8.8.8", false, "::/96 IPv4-compatible, deprecated" },
        { "64:ff9b::808:808", true, "64:ff9b::/96 IPv4-IPv6 Translation, public IPv4" },
        { "64:ff9b::a9fe:a9fe", false, "64:ff9b::/96 IPv4-IPv6 Translation, link-local IPv4" },
        { "64:ff9b:1::808:808", false, "64:ff9b:1::/48 IPv4-IPv6 Translation, local use" },
        { "100::1", false, "100::/64 Discard-Only" },
        { "100:0:0:1::1", false, "100:0:0:1::/64 Dummy IPv6 Prefix" },
        { "2001:100::1", false, "2001::/23 IETF Protocol Assignments" },
        { "2001:0:4136:e378:8000:63bf:3fff:fdd2", false, "2001::/32 TEREDO" },
        { "2001:1::1", true, "2001:1::1/128 Port Control Protocol Anycast" },
        { "2001:1::2", true, "2001:1::2/128 TURN Anycast" },
        { "2001:1::3", true, "2001:1::3/128 DNS-SD SRP Anycast" },
        { "2001:2::5", false, "2001:2::/48 Benchmarking" },
        { "2001:3::1", true, "2001:3::/32 AMT" },
        { "2001:4:112::1", true, "2001:4:112::/48 AS112-v6" },
        { "2001:10::1", false, "2001:10::/28 Deprecated ORCHID" },
        { "2001:20::1", false, "2001:20::/28 ORCHIDv2 (identifiers, not routable)" },
        { "2001:30::1", false, "2001:30::/28 Drone Remote ID DETs (identifiers, not routable)" },
        { "2001:db8::1", false, "2001:db8::/32 Documentation" },
        { "2002:808:808::1", true, "2002::/16 6to4, public IPv4" },
        { "2002:a00:1::1", false, "2002::/16 6to4, private IPv4" },
        { "2620:4f:8000::1", true, "2620:4f:8000::/48 Direct Delegation AS112 Service" },
        { "3fff:fff::1", false, "3fff::/20 Documentation" },
        { "5f00::1", false, "5f00::/16 SRv6 SIDs" },
        { "fd00:ec2::254", false, "fc00::/7 Unique-Local" },
        { "fe80::1", false, "fe80::/10 Link-Local Unicast" },
        { "ff02::1", false, "ff00::/8 Multicast (outside 2000::/3)" },
        { "4000::1", false, "outside 2000::/3" },
        { "2606:4700:4700::1111", true, "global unicast" },
        { "2a00:1450:4001:80b::200e", true, "global unicast" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void EachRegistryRow_GetsTheRegistrysDecision(string address, bool allowed, string row)
    {
        Assert.True(EgressAddressPolicy.IsPublic(IPAddress.Parse(address)) == allowed, $"{address} ({row}) should be {(allowed ? "allowed" : "refused")}");
    }

    [Fact]
    public void EveryRowOfThePolicysTable_IsExercisedByACase()
    {
        var samples = Cases.Select(c => IPAddress.Parse((string)c[0])).ToList();
        foreach (var row in EgressAddressPolicy.Ipv4Rows.Concat(EgressAddressPolicy.Ipv6Rows))
        {
            var network = IPNetwork.Parse(row.Prefix);
            // IPNetwork does not count IPv4-mapped addresses as inside ::ffff:0:0/96; they are that row's cases.
            var covered = samples.Any(a => network.Contains(a) || (row.Prefix == "::ffff:0:0/96" && a.IsIPv4MappedToIPv6));
            Assert.True(covered, $"no case for {row.Prefix} {row.Name}");
        }
    }

    [Theory]
    [InlineData("64:ff9b:1::808:808")]
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2")]
    [InlineData("2001:2::5")]
    [InlineData("2001:10::1")]
    [InlineData("3fff::1")]
    [InlineData("5f00::1")]
    [InlineData("::ffff:0:808:808")]
    public async Task TheReviewersAddresses_AreRefusedByTheConnector_BeforeAnySocketOpens(string address)
    {
        var connector = new EgressConnector(new NoNetworkResolver());

        var refused = await Assert.ThrowsAsync<EgressBlockedException>(() => connector.SelectAddressesAsync(address, operatorTarget: false, default));

        Assert.Contains("private, loopback or reserved", refused.Message);
    }
}
