using System.Net;
using Aithena.Contracts;
using Aithena.Semantic.Passages;
using Aithena.Tests.Infrastructure;
using Aithena.Tests.Semantic;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Aithena.Tests.Security;

/// <summary>
/// Each service with the broker user scripts/broker.sh makes for it: everything works, and nothing more is allowed —
/// the Api and the Lister can send but not consume, the Indexer can consume but not queue work (other than asking for
/// embeddings, which it cannot consume), the Embedder can consume embed-document and queue nothing.
/// </summary>
public sealed class BrokerUserTests(SharedBroker shared) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private TestSystem _system = null!;
    private readonly List<ServiceHost> _hosts = [];

    private PrivateBroker Broker => shared.Broker;
    private string _vhost => _system.VirtualHost;

    public async ValueTask InitializeAsync()
    {
        _system = await TestSystem.CreateAsync(shared.Broker);
        await Broker.ProvisionServiceUsersAsync(_vhost);
    }

    public ValueTask DisposeAsync() => _system.DisposeAsync();

    private async Task<ServiceHost> Start(string service, Func<IDictionary<string, string?>, Action<IServiceCollection>?, Task<ServiceHost>> start,
        Action<IServiceCollection>? customize = null, string embeddingModel = "None")
    {
        var host = await _system.StartAsync(start, customize, ("Lister:Interval", "00:00:00.300"), ("Embeddings:Model", embeddingModel),
            ("ConnectionStrings:messaging", Broker.ServiceConnectionString(_vhost, service)));
        _hosts.Add(host);
        return host;
    }

    [Fact]
    public async Task Every_service_works_with_its_own_narrow_broker_user()
    {
        // The Indexer asks for embeddings (it loads no model); a stand-in model keeps the real one out of this test.
        var api = await Start("api", ServiceHost.StartApiAsync, StandInModel);
        await Start("indexer", ServiceHost.StartIndexerAsync, embeddingModel: "MiniLM");
        await Start("embedder", ServiceHost.StartEmbedderAsync, StandInModel);
        await Start("lister", ServiceHost.StartListerAsync);
        // The Indexer sends ocr-document for a scan; the OCR worker consumes it and sends embed-document.
        await Start("ocr", ServiceHost.StartOcrAsync);

        using var response = await api.Http.UploadAsync(TestPdf.WithPages("uploaded with a narrow user"), "narrow.pdf");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        _system.Library.Write("dropped/file.pdf", TestPdf.WithPages("dropped with a narrow user"));
        _system.Library.Write("dropped/broken.pdf", "not a pdf"u8.ToArray());
        _system.Library.Write("dropped/scan.pdf", await ScannedPdf.OfPagesAsync(["Scanned with a narrow user."]));

        await api.Http.WaitForStatusAsync(DocumentIds.FromPath("uploads/narrow.pdf"), Timeout, "indexed");
        await Eventually.Until(() => api.Http.GetAsync<DocumentResponse>($"/v1/documents/{DocumentIds.FromPath("uploads/narrow.pdf")}"),
            d => d.Embeddings == EmbeddingStatus.Done, Timeout, "the embeddings of narrow.pdf to be done");
        await api.Http.WaitForStatusAsync(DocumentIds.FromPath("dropped/file.pdf"), Timeout, "indexed");
        await api.Http.WaitForStatusAsync(DocumentIds.FromPath("dropped/broken.pdf"), Timeout, "failed");
        await Eventually.Until(async () => (await api.Http.GetAsync<DocumentResponse>($"/v1/documents/{DocumentIds.FromPath("dropped/scan.pdf")}")).Ocr == "done",
            Timeout, "the scan to be recognised");
        File.Delete(Path.Combine(_system.Library.LibraryPath, "dropped/file.pdf"));
        await api.Http.WaitForStatusAsync(DocumentIds.FromPath("dropped/file.pdf"), Timeout, "removed");

        Assert.All(_hosts, h => Assert.DoesNotContain("ACCESS_REFUSED", h.Logs.Text(), StringComparison.Ordinal));
        foreach (var host in _hosts)
        {
            Assert.Equal("Healthy", (await host.Http.GetAsync<HealthStatusResponse>("/health")).Status);
        }
    }

    [Theory]
    [InlineData("api")]
    [InlineData("lister")]
    public async Task Senders_cannot_consume_the_queues_they_feed(string service)
    {
        var api = await Start("api", ServiceHost.StartApiAsync); // declares the queues
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

    [Fact]
    public async Task The_indexer_cannot_take_embed_requests_and_the_embedder_cannot_queue_work()
    {
        await Start("indexer", ServiceHost.StartIndexerAsync, embeddingModel: "MiniLM"); // declares commands.embed-document and its queue
        await using var indexer = await new ConnectionFactory { Uri = new Uri(Broker.ServiceConnectionString(_vhost, "indexer")) }
            .CreateConnectionAsync(TestContext.Current.CancellationToken);
        await using (var channel = await indexer.CreateChannelAsync(cancellationToken: TestContext.Current.CancellationToken))
        {
            await channel.ExchangeDeclareAsync(QueueNames.CommandExchange(QueueNames.EmbedDocument), ExchangeType.Fanout, durable: true);
            var refused = await Assert.ThrowsAsync<OperationInterruptedException>(() => channel.BasicGetAsync(QueueNames.EmbedDocument, autoAck: false));
            Assert.Contains("ACCESS_REFUSED", refused.Message, StringComparison.Ordinal);
        }

        await using var embedder = await new ConnectionFactory { Uri = new Uri(Broker.ServiceConnectionString(_vhost, "embedder")) }
            .CreateConnectionAsync(TestContext.Current.CancellationToken);
        await using var embedderChannel = await embedder.CreateChannelAsync(cancellationToken: TestContext.Current.CancellationToken);
        var denied = await Assert.ThrowsAsync<OperationInterruptedException>(() =>
            embedderChannel.ExchangeDeclareAsync(QueueNames.CommandExchange(QueueNames.EmbedDocument), ExchangeType.Fanout, durable: true));
        Assert.Contains("ACCESS_REFUSED", denied.Message, StringComparison.Ordinal);
    }

    private static void StandInModel(IServiceCollection services) =>
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(new HashingEmbeddingGenerator());
}
