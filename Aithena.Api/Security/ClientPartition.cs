using System.Net;
using System.Net.Sockets;

namespace Aithena.Api.Security;

/// <summary>
/// Who a request counts against in the upload rate limit: the authenticated identity when there is one, else the
/// client's address. Only authentication can make an identity, so a client cannot invent partitions by inventing
/// headers; and addresses fold into a fixed number of buckets, so the limiter's table stays bounded however many
/// addresses a flood comes from.
/// </summary>
public static class ClientPartition
{
    /// <summary>
    /// At most this many address partitions (a few MB of limiters). Two clients whose addresses share a bucket
    /// share a limit; with a per-process random hash seed that is rare and cannot be aimed at.
    /// </summary>
    public const int AddressBuckets = 16_384;

    public static string For(HttpContext context)
    {
        if (context.User.Identity is { IsAuthenticated: true, Name: { } name })
        {
            return "identity:" + name;
        }

        return context.Connection.RemoteIpAddress is { } address ? "address:" + Bucket(address) : "address:unknown";
    }

    internal static int Bucket(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            // One IPv6 subscriber usually holds a whole /64: counting it by address would give it 2^64 limits.
            Array.Clear(bytes, 8, 8);
        }

        var hash = new HashCode(); // seeded randomly per process
        hash.AddBytes(bytes);
        return (int)((uint)hash.ToHashCode() % AddressBuckets);
    }
}
