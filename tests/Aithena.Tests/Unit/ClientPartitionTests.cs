using System.Net;
using System.Security.Claims;
using Aithena.Api.Security;
using Microsoft.AspNetCore.Http;

namespace Aithena.Tests.Unit;

public sealed class ClientPartitionTests
{
    private static HttpContext Request(IPAddress address, string? identity = null, string? header = null)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = address;
        if (identity is not null)
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, identity)], "Bearer"));
        }

        if (header is not null)
        {
            context.Request.Headers.Authorization = "Bearer " + header;
        }

        return context;
    }

    [Fact]
    public void A_header_alone_is_not_an_identity_only_authentication_makes_one()
    {
        var address = IPAddress.Parse("192.0.2.7");
        Assert.Equal(ClientPartition.For(Request(address)), ClientPartition.For(Request(address, header: "made-up-1")));
        Assert.Equal(ClientPartition.For(Request(address, header: "made-up-1")), ClientPartition.For(Request(address, header: "made-up-2")));
        Assert.Equal("identity:holder", ClientPartition.For(Request(address, identity: "holder")));
    }

    [Fact]
    public void However_many_addresses_send_the_partitions_stay_bounded()
    {
        var partitions = Enumerable.Range(0, 200_000)
            .Select(i => ClientPartition.For(Request(new IPAddress(BitConverter.GetBytes(i + 16_777_216)))))
            .ToHashSet();
        Assert.InRange(partitions.Count, ClientPartition.AddressBuckets / 2, ClientPartition.AddressBuckets);
    }

    [Fact]
    public void One_ipv6_slash_64_is_one_client()
    {
        Assert.Equal(
            ClientPartition.For(Request(IPAddress.Parse("2001:db8:1:2::1"))),
            ClientPartition.For(Request(IPAddress.Parse("2001:db8:1:2:ffff:eeee:dddd:cccc"))));
        Assert.Equal(
            ClientPartition.For(Request(IPAddress.Parse("192.0.2.7"))),
            ClientPartition.For(Request(IPAddress.Parse("::ffff:192.0.2.7"))));
    }
}
