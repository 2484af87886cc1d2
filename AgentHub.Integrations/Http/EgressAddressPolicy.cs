using System.Net;
using System.Net.Sockets;

namespace AgentHub.Integrations.Http;

/// <summary>
/// Decides whether AgentHub may open a connection to an address on a user's behalf. It is an allow-list: only global
/// unicast addresses pass. IPv4: anything outside multicast and the special-purpose rows that are not globally
/// reachable. IPv6: only the global unicast block 2000::/3, again minus the special-purpose rows that are not
/// globally reachable. The IPv6 forms that carry an IPv4 address (mapped, the NAT64 well-known prefix, 6to4) are
/// judged by the IPv4 address they carry. The rows are the IANA IPv4 and IPv6 Special-Purpose Address Registries
/// (RFC 6890 and its updates), each with the registry's "globally reachable" verdict, except where noted.
/// </summary>
public static class EgressAddressPolicy
{
    /// <summary>One row of an IANA special-purpose address registry, and whether AgentHub may connect to it.</summary>
    public sealed record Row(string Prefix, string Name, bool Allowed)
    {
        internal IPAddress Network { get; } = IPAddress.Parse(Prefix.Split('/')[0]);
        internal int Length { get; } = int.Parse(Prefix.Split('/')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The IPv4 Special-Purpose Address Registry, plus multicast (224.0.0.0/4, from the IPv4 address space registry).</summary>
    public static IReadOnlyList<Row> Ipv4Rows { get; } =
    [
        new("0.0.0.0/8", "\"This network\"", false),
        new("0.0.0.0/32", "\"This host on this network\"", false),
        new("10.0.0.0/8", "Private-Use", false),
        new("100.64.0.0/10", "Shared Address Space", false),
        new("127.0.0.0/8", "Loopback", false),
        new("169.254.0.0/16", "Link Local", false),
        new("172.16.0.0/12", "Private-Use", false),
        new("192.0.0.0/24", "IETF Protocol Assignments", false),
        new("192.0.0.0/29", "IPv4 Service Continuity Prefix", false),
        new("192.0.0.8/32", "IPv4 dummy address", false),
        new("192.0.0.9/32", "Port Control Protocol Anycast", true),
        new("192.0.0.10/32", "Traversal Using Relays around NAT Anycast", true),
        new("192.0.0.170/32", "NAT64/DNS64 Discovery", false),
        new("192.0.0.171/32", "NAT64/DNS64 Discovery", false),
        new("192.0.2.0/24", "Documentation (TEST-NET-1)", false),
        new("192.31.196.0/24", "AS112-v4", true),
        new("192.52.193.0/24", "AMT", true),
        new("192.88.99.0/24", "Deprecated (6to4 Relay Anycast)", false),
        new("192.168.0.0/16", "Private-Use", false),
        new("192.175.48.0/24", "Direct Delegation AS112 Service", true),
        new("198.18.0.0/15", "Benchmarking", false),
        new("198.51.100.0/24", "Documentation (TEST-NET-2)", false),
        new("203.0.113.0/24", "Documentation (TEST-NET-3)", false),
        new("224.0.0.0/4", "Multicast", false),
        new("240.0.0.0/4", "Reserved", false),
        new("255.255.255.255/32", "Limited Broadcast", false),
    ];

    /// <summary>The IPv6 Special-Purpose Address Registry. Anything outside 2000::/3 is refused before these rows are read.</summary>
    public static IReadOnlyList<Row> Ipv6Rows { get; } =
    [
        new("::1/128", "Loopback Address", false),
        new("::/128", "Unspecified Address", false),
        new("::ffff:0:0/96", "IPv4-mapped Address (judged by its IPv4 address)", false),
        new("64:ff9b::/96", "IPv4-IPv6 Translat. (judged by its IPv4 address)", false),
        new("64:ff9b:1::/48", "IPv4-IPv6 Translat. (local use)", false),
        new("100::/64", "Discard-Only Address Block", false),
        new("100:0:0:1::/64", "Dummy IPv6 Prefix", false),
        new("2001::/23", "IETF Protocol Assignments", false),
        new("2001::/32", "TEREDO", false),
        new("2001:1::1/128", "Port Control Protocol Anycast", true),
        new("2001:1::2/128", "Traversal Using Relays around NAT Anycast", true),
        new("2001:1::3/128", "DNS-SD Service Registration Protocol Anycast", true),
        new("2001:2::/48", "Benchmarking", false),
        new("2001:3::/32", "AMT", true),
        new("2001:4:112::/48", "AS112-v6", true),
        new("2001:10::/28", "Deprecated (previously ORCHID)", false),
        // The registry marks ORCHIDv2 and DETs globally reachable, but they are identifiers that are not routable at
        // the IP layer (RFC 7343, RFC 9374): no provider's API lives there, so they are refused.
        new("2001:20::/28", "ORCHIDv2", false),
        new("2001:30::/28", "Drone Remote ID Protocol Entity Tags (DETs) Prefix", false),
        new("2001:db8::/32", "Documentation", false),
        new("2002::/16", "6to4 (judged by its IPv4 address)", false),
        new("2620:4f:8000::/48", "Direct Delegation AS112 Service", true),
        new("3fff::/20", "Documentation", false),
        new("5f00::/16", "Segment Routing (SRv6) SIDs", false),
        new("fc00::/7", "Unique-Local", false),
        new("fe80::/10", "Link-Local Unicast", false),
    ];

    private static readonly Row GlobalUnicastV6 = new("2000::/3", "Global Unicast", true);
    private static readonly Row Mapped = Ipv6Rows[2];
    private static readonly Row Nat64 = Ipv6Rows[3];
    private static readonly Row SixToFour = Ipv6Rows.Single(r => r.Prefix == "2002::/16");

    /// <summary>True when the address is a global unicast address that a provider could legitimately have.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return Decide(address, Ipv4Rows, fallback: true);
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6 || address.ScopeId != 0)
        {
            return false;
        }

        var bytes = address.GetAddressBytes();
        if (InRange(bytes, Mapped) || InRange(bytes, Nat64))
        {
            return IsPublic(new IPAddress(bytes[12..16]));
        }

        if (InRange(bytes, SixToFour))
        {
            return IsPublic(new IPAddress(bytes[2..6]));
        }

        return InRange(bytes, GlobalUnicastV6) && Decide(address, Ipv6Rows, fallback: true);
    }

    /// <summary>The most specific row containing the address decides; an address in no row gets the fallback.</summary>
    private static bool Decide(IPAddress address, IReadOnlyList<Row> rows, bool fallback)
    {
        var bytes = address.GetAddressBytes();
        Row? match = null;
        foreach (var row in rows)
        {
            if (row.Network.AddressFamily == address.AddressFamily && InRange(bytes, row) && (match is null || row.Length > match.Length))
            {
                match = row;
            }
        }

        return match?.Allowed ?? fallback;
    }

    private static bool InRange(byte[] address, Row row)
    {
        var network = row.Network.GetAddressBytes();
        if (network.Length != address.Length)
        {
            return false;
        }

        var fullBytes = row.Length / 8;
        for (var i = 0; i < fullBytes; i++)
        {
            if (address[i] != network[i])
            {
                return false;
            }
        }

        var remainingBits = row.Length % 8;
        if (remainingBits == 0)
        {
            return true;
        }

        var mask = (byte)(0xFF << (8 - remainingBits));
        return (address[fullBytes] & mask) == (network[fullBytes] & mask);
    }
}
