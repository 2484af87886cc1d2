using System.Net;
using System.Net.Sockets;

namespace AgentHub.Integrations.Http;

/// <summary>
/// Decides whether AgentHub may open a connection to an address on a user's behalf. Only public unicast addresses
/// pass: loopback, private, link-local (cloud metadata), CGNAT, unspecified, documentation, multicast and reserved
/// ranges are refused, in IPv4, IPv6 and the IPv6 forms that embed an IPv4 address.
/// </summary>
public static class EgressAddressPolicy
{
    private static readonly (IPAddress Network, int Prefix)[] BlockedV4 =
    [
        (IPAddress.Parse("0.0.0.0"), 8),        // "this network", includes 0.0.0.0
        (IPAddress.Parse("10.0.0.0"), 8),       // private
        (IPAddress.Parse("100.64.0.0"), 10),    // carrier-grade NAT
        (IPAddress.Parse("127.0.0.0"), 8),      // loopback
        (IPAddress.Parse("169.254.0.0"), 16),   // link-local, cloud metadata (169.254.169.254)
        (IPAddress.Parse("172.16.0.0"), 12),    // private
        (IPAddress.Parse("192.0.0.0"), 24),     // IETF protocol assignments
        (IPAddress.Parse("192.0.2.0"), 24),     // documentation
        (IPAddress.Parse("192.88.99.0"), 24),   // 6to4 relay anycast
        (IPAddress.Parse("192.168.0.0"), 16),   // private
        (IPAddress.Parse("198.18.0.0"), 15),    // benchmarking
        (IPAddress.Parse("198.51.100.0"), 24),  // documentation
        (IPAddress.Parse("203.0.113.0"), 24),   // documentation
        (IPAddress.Parse("224.0.0.0"), 4),      // multicast
        (IPAddress.Parse("240.0.0.0"), 4),      // reserved, broadcast
    ];

    private static readonly (IPAddress Network, int Prefix)[] BlockedV6 =
    [
        (IPAddress.Parse("::"), 96),            // unspecified, loopback and IPv4-compatible (deprecated) forms
        (IPAddress.Parse("100::"), 64),         // discard
        (IPAddress.Parse("2001:db8::"), 32),    // documentation
        (IPAddress.Parse("fc00::"), 7),         // unique local (includes AWS fd00:ec2::254 metadata)
        (IPAddress.Parse("fe80::"), 10),        // link-local
        (IPAddress.Parse("fec0::"), 10),        // site-local (deprecated)
        (IPAddress.Parse("ff00::"), 8),         // multicast
    ];

    private static readonly (IPAddress Network, int Prefix) Nat64 = (IPAddress.Parse("64:ff9b::"), 96);
    private static readonly (IPAddress Network, int Prefix) SixToFour = (IPAddress.Parse("2002::"), 16);

    /// <summary>True when the address is a public unicast address that a provider could legitimately have.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return IsPublic(address.MapToIPv4());
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return !BlockedV4.Any(range => InRange(address, range.Network, range.Prefix));
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        if (BlockedV6.Any(range => InRange(address, range.Network, range.Prefix)))
        {
            return false;
        }

        var bytes = address.GetAddressBytes();
        if (InRange(address, Nat64.Network, Nat64.Prefix))
        {
            return IsPublic(new IPAddress(bytes[12..16]));
        }

        if (InRange(address, SixToFour.Network, SixToFour.Prefix))
        {
            return IsPublic(new IPAddress(bytes[2..6]));
        }

        return true;
    }

    private static bool InRange(IPAddress address, IPAddress network, int prefix)
    {
        if (address.AddressFamily != network.AddressFamily)
        {
            return false;
        }

        var a = address.GetAddressBytes();
        var n = network.GetAddressBytes();
        var fullBytes = prefix / 8;
        for (var i = 0; i < fullBytes; i++)
        {
            if (a[i] != n[i])
            {
                return false;
            }
        }

        var remainingBits = prefix % 8;
        if (remainingBits == 0)
        {
            return true;
        }

        var mask = (byte)(0xFF << (8 - remainingBits));
        return (a[fullBytes] & mask) == (n[fullBytes] & mask);
    }
}
