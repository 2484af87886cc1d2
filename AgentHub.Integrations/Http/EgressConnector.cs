using System.Net;
using System.Net.Sockets;

namespace AgentHub.Integrations.Http;

/// <summary>
/// The connect step of the egress <see cref="SocketsHttpHandler"/>: resolves the host itself, drops every address the
/// <see cref="EgressAddressPolicy"/> refuses, and connects to an address it checked. Because the check and the
/// connection use the same resolved address, a DNS answer that changes between them (rebinding) cannot slip through.
/// </summary>
public sealed class EgressConnector(IHostResolver resolver)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var allowed = await SelectAddressesAsync(host, context.InitialRequestMessage.IsOperatorTarget(), cancellationToken);

        Exception? last = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw new HttpRequestException($"Could not connect to {host}.", last);
    }

    /// <summary>
    /// Why a user's address will not be reached, judged before any connection (the connect step judges again): not
    /// https, or resolving to no public address, or to none at all; null when it may be, or when an operator trusts it.
    /// </summary>
    public async Task<EgressRefusal?> RefusalAsync(Uri address, bool operatorTrusted, CancellationToken cancellationToken)
    {
        if (operatorTrusted)
        {
            return null;
        }

        if (address.Scheme != Uri.UriSchemeHttps)
        {
            return EgressRefusal.HttpsOnly;
        }

        try
        {
            await SelectAddressesAsync(address.IdnHost, operatorTarget: false, cancellationToken);
            return null;
        }
        catch (EgressBlockedException)
        {
            return EgressRefusal.Private;
        }
        catch (HttpRequestException)
        {
            return EgressRefusal.Unresolvable;
        }
    }

    /// <summary>
    /// The addresses the connect step may use for <paramref name="host"/>: resolved once, filtered by the policy
    /// (unless an operator configured this target). Throws <see cref="EgressBlockedException"/> when none is left.
    /// </summary>
    public async Task<IPAddress[]> SelectAddressesAsync(string host, bool operatorTarget, CancellationToken cancellationToken)
    {
        var addresses = await ResolveAsync(host, cancellationToken);
        var allowed = operatorTarget ? addresses : addresses.Where(EgressAddressPolicy.IsPublic).ToArray();
        if (allowed.Length == 0)
        {
            throw new EgressBlockedException(addresses.Length == 0
                ? $"{host} did not resolve to any address."
                : $"{host} resolves to a private, loopback or reserved address; AgentHub only connects to public addresses.");
        }

        return allowed;
    }

    private async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        // Literals (decimal, octal and hex forms are already normalised to dotted IPv4 by Uri) skip DNS.
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
        {
            return [literal];
        }

        try
        {
            return await resolver.ResolveAsync(host, cancellationToken);
        }
        catch (SocketException ex)
        {
            throw new HttpRequestException($"{host} could not be resolved.", ex);
        }
    }
}

/// <summary>Why an address a user gave is not reached.</summary>
public enum EgressRefusal
{
    HttpsOnly,
    Private,
    Unresolvable,
}
