using System.Net;
using System.Net.Sockets;
using Aithena.Contracts;
using Aithena.Tests.Infrastructure;

namespace Aithena.Tests.Processes;

/// <summary>A consumer whose host fails to start takes no message: the bus starts only once the host, web server included, is up.</summary>
public sealed class StartupOrderTests(SharedBroker shared) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private TestSystem _system = null!;

    public async ValueTask InitializeAsync() => _system = await TestSystem.CreateAsync(shared.Broker);

    public ValueTask DisposeAsync() => _system.DisposeAsync();

    [Fact]
    public async Task An_indexer_whose_port_is_taken_exits_without_taking_the_queued_message_and_a_good_one_indexes_it()
    {
        var api = await _system.StartApiAsync();
        string id;
        using (var response = await api.Http.UploadAsync(TestPdf.WithPages("waiting for a healthy indexer"), "patient.pdf"))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            id = await response.UploadIdAsync();
        }

        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var busyPort = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var broken = _system.LaunchProcess("Aithena.Indexer", busyPort);

        Assert.NotEqual(0, await broken.WaitForExitAsync(Timeout));
        Assert.Contains("address already in use", broken.Output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Indexing uploads/patient.pdf", broken.Output, StringComparison.Ordinal);

        // Peeked once: each read of a quorum queue counts as a delivery.
        var queued = await _system.Broker.PeekAsync(_system.VirtualHost, QueueNames.IndexDocument);
        Assert.Equal(id, Assert.Single(queued).MessageAs<IndexDocument>().DocumentId);
        Assert.Empty(await _system.Broker.PeekAsync(_system.VirtualHost, QueueNames.IndexDocument + "_error"));
        Assert.Equal("queued", (await api.Http.GetAsync<DocumentResponse>($"/v1/documents/{id}")).Status);

        await _system.StartProcessAsync("Aithena.Indexer");
        await api.Http.WaitForStatusAsync(id, Timeout, "indexed");
    }
}
