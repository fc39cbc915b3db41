using System.Diagnostics;
using Aithena.ServiceDefaults;

namespace Aithena.Indexer.Indexing;

/// <summary>How many documents were indexed or failed, how long indexing took, and how long messages waited in the queue.</summary>
public sealed class IndexingMetrics
{
    private readonly System.Diagnostics.Metrics.Counter<long> _documents =
        AithenaTelemetry.Meter.CreateCounter<long>("aithena.documents", "{document}", "Documents processed by the Indexer, by outcome.");
    private readonly System.Diagnostics.Metrics.Histogram<double> _duration =
        AithenaTelemetry.Meter.CreateHistogram<double>("aithena.indexing.duration", "ms", "Time to index one document.");
    private readonly System.Diagnostics.Metrics.Histogram<double> _queueWait =
        AithenaTelemetry.Meter.CreateHistogram<double>("aithena.queue.wait", "ms", "Time from queued to picked up by an Indexer.");

    public void Processed(string outcome, TimeSpan elapsed)
    {
        _documents.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        _duration.Record(elapsed.TotalMilliseconds, new KeyValuePair<string, object?>("outcome", outcome));
    }

    public void Waited(TimeSpan wait) => _queueWait.Record(Math.Max(0, wait.TotalMilliseconds));

    public static TimeSpan Since(long timestamp) => Stopwatch.GetElapsedTime(timestamp);
}
