using System.Text.Json;
using Aithena.Contracts;
using MassTransit;
using RabbitMQ.Client;
using Aithena.Testing;

namespace Aithena.Benchmarks;

/// <summary>
/// Section 1: the cost of getting one IndexDocument command durably into its queue, four ways, on one broker and one
/// quorum queue: a connection per message (what a naive service does per request), with and without confirms;
/// Aithena's bus (one MassTransit bus per process, confirmed Send); and the raw limit of RabbitMQ.Client on one
/// long-lived connection with confirms.
/// </summary>
public sealed class PublishBenchmark(BenchContext context)
{
    public const string Title = "1. Publish path";
    private static readonly int[] PublisherCounts = [1, 8];
    private static readonly BasicProperties Persistent = new() { Persistent = true, ContentType = "application/json" };

    /// <summary>
    /// Every row publishes to the exchange Aithena's senders use, bound to the queue; MassTransit declares both when the
    /// bus first sends (<see cref="EnvelopeSizeAsync"/> does, before any row, and fails if the message did not arrive).
    /// </summary>
    private static readonly string Exchange = QueueNames.CommandExchange(QueueNames.IndexDocument);

    private readonly Plan _plan = context.Smoke
        ? new Plan(Rounds: 1, PerRequest: [10, 24], Fast: [40, 160], Budget: TimeSpan.FromSeconds(10))
        : new Plan(Rounds: 3, PerRequest: [1500, 3000], Fast: [10000, 30000], Budget: TimeSpan.FromSeconds(60));

    private sealed record Plan(int Rounds, int[] PerRequest, int[] Fast, TimeSpan Budget);

    private sealed record Row(string Pattern, int Publishers, Rounds Result);

    public async Task<Report> RunAsync(CancellationToken cancellationToken)
    {
        var vhost = await context.Broker.CreateVirtualHostAsync("bench-publish");
        try
        {
            return await RunOnAsync(vhost, cancellationToken);
        }
        finally
        {
            await context.Broker.DeleteVirtualHostAsync(vhost);
        }
    }

    private async Task<Report> RunOnAsync(string vhost, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory
        {
            HostName = "127.0.0.1",
            Port = context.Broker.AmqpPort,
            VirtualHost = vhost,
            UserName = PrivateBroker.AdminUser,
            Password = context.Broker.AdminPassword,
            AutomaticRecoveryEnabled = false, // a failure is a finding here, not something to ride out
        };
        await using var admin = await factory.CreateConnectionAsync("bench-admin", cancellationToken);
        await using var adminChannel = await admin.CreateChannelAsync(cancellationToken: cancellationToken);
        // A plain declare on this vhost makes a quorum queue, as MassTransit's does: the queue the Api sends to.
        await adminChannel.QueueDeclareAsync(QueueNames.IndexDocument, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken);
        await using var bus = await AithenaBus.StartAsync(context.Broker.ConnectionString(vhost), cancellationToken);
        var sendEndpoints = (ISendEndpointProvider)bus.Bus;
        var envelopeBytes = await EnvelopeSizeAsync(sendEndpoints, adminChannel, cancellationToken);

        var rows = new List<Row>();
        for (var round = 1; round <= _plan.Rounds; round++)
        {
            for (var i = 0; i < PublisherCounts.Length; i++)
            {
                var publishers = PublisherCounts[i];
                Task Measure(string pattern, int count, Func<int, int, CancellationToken, Task> publish) =>
                    MeasureAsync(rows, adminChannel, round, pattern, publishers, count, publish, cancellationToken);

                await Measure(Patterns.PerRequest, _plan.PerRequest[i], (_, n, ct) => PublishPerRequestAsync(factory, confirms: false, n, ct));
                await Measure(Patterns.PerRequestConfirmed, _plan.PerRequest[i], (_, n, ct) => PublishPerRequestAsync(factory, confirms: true, n, ct));
                await Measure(Patterns.Aithena, _plan.Fast[i], async (_, n, ct) =>
                {
                    var endpoint = await sendEndpoints.GetSendEndpoint(QueueNames.IndexDocumentAddress);
                    await endpoint.Send(Command(n), ct);
                });

                // The limit: one connection for the row, one confirm channel per publisher, each awaiting its confirms.
                await using var limit = await factory.CreateConnectionAsync("bench-limit", cancellationToken);
                var channels = new IChannel[publishers];
                for (var c = 0; c < publishers; c++)
                {
                    channels[c] = await limit.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
                }

                await Measure(Patterns.Limit, _plan.Fast[i], (worker, n, ct) =>
                    channels[worker].BasicPublishAsync(Exchange, "", mandatory: false, Persistent, Body(n), ct).AsTask());
                foreach (var channel in channels)
                {
                    await channel.CloseAsync(cancellationToken);
                    await channel.DisposeAsync();
                }
            }
        }

        return Write(rows, envelopeBytes);
    }

    /// <summary>
    /// One round of one row. Warm-up (JIT, connection set-up, the queue's first segments) is not measured; the queue is
    /// emptied before and after, so every round starts from the same empty quorum queue.
    /// </summary>
    private async Task MeasureAsync(List<Row> rows, IChannel admin, int round, string pattern, int publishers, int count,
        Func<int, int, CancellationToken, Task> publish, CancellationToken cancellationToken)
    {
        await Load.RunAsync(publishers, Math.Max(publishers * 2, count / 20), _plan.Budget, publish, cancellationToken);
        await admin.QueuePurgeAsync(QueueNames.IndexDocument, cancellationToken);
        BenchContext.Log($"publish round {round}: {pattern}, {publishers} publisher(s), {count} messages");
        var result = await Load.RunAsync(publishers, count, _plan.Budget, publish, cancellationToken);
        await admin.QueuePurgeAsync(QueueNames.IndexDocument, cancellationToken);
        var row = rows.SingleOrDefault(r => r.Pattern == pattern && r.Publishers == publishers);
        if (row is null)
        {
            rows.Add(row = new Row(pattern, publishers, new Rounds()));
        }

        row.Result.Add(result);
    }

    /// <summary>The size of what Aithena's bus puts on the wire for one command: one sent, read back, and removed.</summary>
    private static async Task<int> EnvelopeSizeAsync(ISendEndpointProvider sendEndpoints, IChannel channel, CancellationToken cancellationToken)
    {
        var endpoint = await sendEndpoints.GetSendEndpoint(QueueNames.IndexDocumentAddress);
        await endpoint.Send(Command(0), cancellationToken);
        var message = await channel.BasicGetAsync(QueueNames.IndexDocument, autoAck: true, cancellationToken)
            ?? throw new InvalidOperationException("the confirmed command is not in its queue");
        await channel.QueuePurgeAsync(QueueNames.IndexDocument, cancellationToken);
        return message.Body.Length;
    }

    /// <summary>The per-request pattern: a new connection and channel for one message, then both closed.</summary>
    private static async Task PublishPerRequestAsync(ConnectionFactory factory, bool confirms, int n, CancellationToken cancellationToken)
    {
        await using var connection = await factory.CreateConnectionAsync("bench-per-request", cancellationToken);
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: confirms, publisherConfirmationTrackingEnabled: confirms), cancellationToken);
        // With confirmation tracking on, this returns only once the broker confirmed the message.
        await channel.BasicPublishAsync(Exchange, "", mandatory: false, Persistent, Body(n), cancellationToken);
        await channel.CloseAsync(cancellationToken);
        await connection.CloseAsync(cancellationToken);
    }

    private static IndexDocument Command(int n)
    {
        var path = $"bench/publish/doc-{n:000000}.pdf";
        return new IndexDocument(DocumentIds.FromPath(path), path, DocumentSource.Upload, 102_400, DateTimeOffset.UtcNow);
    }

    private static byte[] Body(int n) => JsonSerializer.SerializeToUtf8Bytes(Command(n), JsonSerializerOptions.Web);

    private Report Write(List<Row> rows, int envelopeBytes)
    {
        var report = new Report().Heading(Title).Paragraph(
            $"""
            The same `IndexDocument` command, persistent, through the same exchange (`{Exchange}`) into the same quorum queue
            (`{QueueNames.IndexDocument}`, emptied between rows), on a fresh vhost. Closed loop: each publisher starts its next message when the previous one returned (for the
            confirmed rows: when the broker confirmed it). Counts: {string.Join(" / ", _plan.PerRequest)} messages per round for the
            per-request pattern and {string.Join(" / ", _plan.Fast)} for the bus and the limit (1 / 8 publishers), each round after
            an unmeasured warm-up of 5 %, and at most {_plan.Budget.TotalSeconds:F0} s per round. {RoundsText(_plan.Rounds)} The raw rows send the command as plain
            JSON ({Body(0).Length} bytes); MassTransit sends it in its JSON envelope (message id, addresses, message type, host), {envelopeBytes} bytes.
            """);
        report.Table(["Pattern", "Publishers", "Messages", "Msgs/s", "p50 ms", "p99 ms", "Errors", "Msgs/s per round"],
            rows.OrderBy(r => r.Publishers).Select(r => (IReadOnlyList<string>)[r.Pattern, r.Publishers.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Report.N(r.Result.Completed), Report.N(r.Result.PerSecond), Report.Ms(r.Result.P50), Report.Ms(r.Result.P99), Report.N(r.Result.Errors), r.Result.PerRound]));

        var ratios = new List<IReadOnlyList<string>>();
        foreach (var publishers in PublisherCounts)
        {
            double Rate(string pattern) => rows.Single(r => r.Pattern == pattern && r.Publishers == publishers).Result.PerSecond;
            var vsPerRequest = Rate(Patterns.Aithena) / Rate(Patterns.PerRequestConfirmed);
            var vsLimit = Rate(Patterns.Aithena) / Rate(Patterns.Limit);
            // The limit's own multiple of the per-request pattern: no client on this machine can beat it.
            var ceiling = Rate(Patterns.Limit) / Rate(Patterns.PerRequestConfirmed);
            ratios.Add([publishers.ToString(System.Globalization.CultureInfo.InvariantCulture), Report.Ratio(vsPerRequest), Report.Percent(vsLimit), Report.Ratio(ceiling)]);
            var wanted = publishers == 1 ? 10 : 30;
            context.Targets.Add(new TargetResult($"Aithena's send >= {wanted}x per-request (with confirms), {publishers} publisher(s)",
                Report.Ratio(vsPerRequest), vsPerRequest >= wanted));
            context.Targets.Add(new TargetResult($"Aithena's send >= 60 % of the raw limit, {publishers} publisher(s)",
                Report.Percent(vsLimit), vsLimit >= 0.6));
        }

        report.Table(["Publishers", "Aithena / per-request (with confirms)", "Aithena / limit", "Limit / per-request (with confirms)"], ratios);
        return report;
    }

    /// <summary>How figures from several rounds are combined, in words for the report.</summary>
    public static string RoundsText(int rounds) => rounds == 1
        ? "One round."
        : $"{rounds} rounds, interleaved with the other rows' rounds; each figure is the median of the rounds' figures.";

    private static class Patterns
    {
        public const string PerRequest = "Per request: new connection + channel, no confirms";
        public const string PerRequestConfirmed = "Per request: new connection + channel, with confirms";
        public const string Aithena = "Aithena's bus: one MassTransit bus per process, confirmed Send";
        public const string Limit = "Limit: RabbitMQ.Client, one connection, channel per publisher, confirms";
    }
}
