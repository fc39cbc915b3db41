using System.Net;
using Aithena.Contracts;
using Aithena.Tests.Infrastructure;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Aithena.Tests.Security;

/// <summary>
/// Each service with the broker user scripts/broker.sh makes for it: everything works, and nothing more is allowed —
/// the Api and the Lister can send but not consume, the Indexer can consume but not queue work.
/// </summary>
public sealed class BrokerUserTests(SharedBroker shared) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly TestLibrary _library = new();
    private readonly List<ServiceHost> _hosts = [];
    private string _vhost = "";

    private PrivateBroker Broker => shared.Broker;

    public async ValueTask InitializeAsync()
    {
        _vhost = await Broker.CreateVirtualHostAsync();
        await Broker.ProvisionServiceUsersAsync(_vhost);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in Enumerable.Reverse(_hosts))
        {
            await host.DisposeAsync();
        }

        _library.Dispose();
    }

    private async Task<ServiceHost> Start(string service, Func<Dictionary<string, string?>, Task<ServiceHost>> start)
    {
        var settings = Settings.For(Broker, _vhost, _library, ("Lister:Interval", "00:00:00.300"),
            ("ConnectionStrings:messaging", Broker.ServiceConnectionString(_vhost, service)));
        var host = await start(settings);
        _hosts.Add(host);
        return host;
    }

    [Fact]
    public async Task Every_service_works_with_its_own_narrow_broker_user()
    {
        var api = await Start("api", s => ServiceHost.StartApiAsync(s));
        await Start("indexer", s => ServiceHost.StartIndexerAsync(s));
        await Start("lister", s => ServiceHost.StartListerAsync(s));

        using var response = await api.Http.UploadAsync(TestPdf.WithPages("uploaded with a narrow user"), "narrow.pdf");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        _library.Write("dropped/file.pdf", TestPdf.WithPages("dropped with a narrow user"));
        _library.Write("dropped/broken.pdf", "not a pdf"u8.ToArray());

        await api.Http.WaitForStatusAsync(DocumentIds.FromPath("uploads/narrow.pdf"), Timeout, "indexed");
        await api.Http.WaitForStatusAsync(DocumentIds.FromPath("dropped/file.pdf"), Timeout, "indexed");
        await api.Http.WaitForStatusAsync(DocumentIds.FromPath("dropped/broken.pdf"), Timeout, "failed");
        File.Delete(Path.Combine(_library.LibraryPath, "dropped/file.pdf"));
        await api.Http.WaitForStatusAsync(DocumentIds.FromPath("dropped/file.pdf"), Timeout, "removed");

        Assert.All(_hosts, h => Assert.DoesNotContain("ACCESS_REFUSED", h.Logs.Text, StringComparison.Ordinal));
        Assert.All(_hosts, async h => Assert.Equal("Healthy", (await h.Http.GetJsonAsync("/health")).GetProperty("status").GetString()));
    }

    [Theory]
    [InlineData("api")]
    [InlineData("lister")]
    public async Task Senders_cannot_consume_the_queues_they_feed(string service)
    {
        var api = await Start("api", s => ServiceHost.StartApiAsync(s)); // declares the queues
        using (var response = await api.Http.UploadAsync(TestPdf.WithPages("bait"), "bait.pdf"))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        await using var connection = await new ConnectionFactory { Uri = new Uri(Broker.ServiceConnectionString(_vhost, service)) }
            .CreateConnectionAsync(TestContext.Current.CancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: TestContext.Current.CancellationToken);

        var refused = await Assert.ThrowsAsync<OperationInterruptedException>(() => channel.BasicGetAsync(QueueNames.IndexDocument, autoAck: false));
        Assert.Contains("ACCESS_REFUSED", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_indexer_cannot_queue_work()
    {
        await using var connection = await new ConnectionFactory { Uri = new Uri(Broker.ServiceConnectionString(_vhost, "indexer")) }
            .CreateConnectionAsync(TestContext.Current.CancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: TestContext.Current.CancellationToken);

        var refused = await Assert.ThrowsAsync<OperationInterruptedException>(() =>
            channel.ExchangeDeclareAsync(QueueNames.CommandExchange(QueueNames.IndexDocument), ExchangeType.Fanout, durable: true));
        Assert.Contains("ACCESS_REFUSED", refused.Message, StringComparison.Ordinal);
    }
}
