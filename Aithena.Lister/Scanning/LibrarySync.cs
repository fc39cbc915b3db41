using System.Diagnostics;
using System.Diagnostics.Metrics;
using Aithena.Catalog;
using Aithena.Contracts;
using Aithena.ServiceDefaults;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Aithena.Lister.Scanning;

/// <summary>
/// One scan: walk the folder, compare with the catalog, send what changed in bounded parallel batches, and mark a
/// file queued only after the broker confirmed its command. If the broker fails, the scan stops where it is; the
/// files it did not confirm are still new or changed in the catalog, so the next scan queues them.
/// </summary>
public sealed class LibrarySync(
    LibraryScanner scanner,
    IDocumentCatalog catalog,
    IBus bus,
    IOptions<ListerOptions> options,
    TimeProvider clock,
    ILogger<LibrarySync> logger)
{
    private static readonly Counter<long> Seen = AithenaTelemetry.Meter.CreateCounter<long>("aithena.lister.files.seen", "{file}", "PDFs found by scans.");
    private static readonly Counter<long> QueuedCounter = AithenaTelemetry.Meter.CreateCounter<long>("aithena.lister.files.queued", "{file}", "Files queued for indexing.");
    private static readonly Counter<long> RemovedCounter = AithenaTelemetry.Meter.CreateCounter<long>("aithena.lister.files.removed", "{file}", "Removals queued.");
    private static readonly Histogram<double> Duration = AithenaTelemetry.Meter.CreateHistogram<double>("aithena.lister.scan.duration", "ms", "Time of one scan.");

    public async Task<ScanResult> RunAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = AithenaTelemetry.ActivitySource.StartActivity("library scan");
        var plan = ScanPlan.Create(scanner.Scan(), await catalog.GetFileStatesAsync(cancellationToken));
        Seen.Add(plan.FilesSeen);

        var queued = 0;
        var removed = 0;
        string? problem = null;
        try
        {
            foreach (var batch in plan.ToIndex.Chunk(options.Value.BatchSize))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (confirmed, failure) = await SendAllAsync(batch, file => (QueueNames.IndexDocumentAddress, ScanPlan.IndexCommand(file, clock.GetUtcNow())), file => file.Path);
                // Recorded even when the batch failed part-way, and not with the stopping token: what the broker
                // confirmed must be marked, or the next scan would send it twice.
                await catalog.MarkQueuedAsync(confirmed.Select(c => new QueuedFile(c.Item.DocumentId, c.Item.Path, c.Source.Size,
                    c.Source.ModifiedAt, null, DocumentSource.Lister, c.Item.QueuedAt, UploadedBy: "Lister")).ToList(), CancellationToken.None);
                queued += confirmed.Count;
                QueuedCounter.Add(confirmed.Count);
                ListerLog.Progress(logger, plan.FilesSeen, queued, plan.ToIndex.Count);
                ThrowIfFailed(failure);
            }

            foreach (var batch in plan.ToRemove.Chunk(options.Value.BatchSize))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (confirmed, failure) = await SendAllAsync(batch, doc => (QueueNames.RemoveDocumentAddress, new RemoveDocument(doc.Id, doc.Path, clock.GetUtcNow())), doc => doc.Path);
                removed += confirmed.Count;
                RemovedCounter.Add(confirmed.Count);
                ThrowIfFailed(failure);
            }
        }
        catch (BrokerUnavailableException e)
        {
            problem = e.Message;
            ListerLog.BrokerUnavailable(logger, plan.ToIndex.Count - queued + plan.ToRemove.Count - removed, e.Message);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        Duration.Record(elapsed.TotalMilliseconds);
        var pending = plan.ToIndex.Count - queued + plan.ToRemove.Count - removed;
        activity?.SetTag("aithena.scan.seen", plan.FilesSeen);
        activity?.SetTag("aithena.scan.queued", queued);
        ListerLog.Scanned(logger, plan.FilesSeen, queued, removed, pending, elapsed.TotalMilliseconds);
        return new ScanResult(clock.GetUtcNow(), plan.FilesSeen, queued, removed, pending, elapsed, problem);
    }

    /// <summary>
    /// Sends one command per item, at most <see cref="ListerOptions.MaxParallelSends"/> at a time, each in a trace
    /// of its own (so one file can be followed from here to the Indexer). Returns what the broker confirmed, and the
    /// first failure, after which the rest of the batch is not tried.
    /// </summary>
    private async Task<(List<(TSource Source, TCommand Item)> Confirmed, Exception? Failure)> SendAllAsync<TSource, TCommand>(
        IReadOnlyList<TSource> items, Func<TSource, (Uri Address, TCommand Command)> build, Func<TSource, string> describe)
        where TCommand : class
    {
        var confirmed = new List<(TSource, TCommand)>(items.Count);
        Exception? failure = null;
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxParallelSends }, async (item, _) =>
        {
            if (Volatile.Read(ref failure) is not null)
            {
                return; // the broker already failed once in this batch; do not wait for it again per file
            }

            var (address, command) = build(item);
            Activity.Current = null; // a new trace per file, not a child of the scan
            using var activity = AithenaTelemetry.ActivitySource.StartActivity("queue file", ActivityKind.Producer);
            activity?.SetTag("aithena.document.path", describe(item));
            using var timeout = new CancellationTokenSource(options.Value.SendTimeout);
            try
            {
                var endpoint = await bus.GetSendEndpoint(address);
                await endpoint.Send(command, timeout.Token);
                lock (confirmed)
                {
                    confirmed.Add((item, command));
                }
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref failure, e, null);
            }
        });

        return (confirmed, failure);
    }

    private static void ThrowIfFailed(Exception? failure)
    {
        if (failure is not null)
        {
            throw new BrokerUnavailableException(failure);
        }
    }
}
