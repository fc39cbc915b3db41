using System.Diagnostics.Metrics;
using Aithena.ServiceDefaults;

namespace Aithena.Api.Upload;

/// <summary>Upload figures for a dashboard: accepted, duplicates, rejections by reason, and how long the broker took to confirm.</summary>
public sealed class UploadMetrics
{
    private readonly Counter<long> _uploads = AithenaTelemetry.Meter.CreateCounter<long>("aithena.uploads", "{upload}", "Uploads answered, by outcome and reason.");
    private readonly Counter<long> _bytes = AithenaTelemetry.Meter.CreateCounter<long>("aithena.uploads.bytes", "By", "Bytes of accepted uploads.");
    private readonly Histogram<double> _publish = AithenaTelemetry.Meter.CreateHistogram<double>("aithena.publish.duration", "ms", "Time from send to broker confirmation.");

    public void Accepted(long size)
    {
        _uploads.Add(1, Tag("outcome", "accepted"));
        _bytes.Add(size);
    }

    public void Duplicate() => _uploads.Add(1, Tag("outcome", "duplicate"));

    public void Rejected(string reason) => _uploads.Add(1, Tag("outcome", "rejected"), Tag("reason", reason));

    public void Published(TimeSpan elapsed, string result) => _publish.Record(elapsed.TotalMilliseconds, Tag("result", result));

    private static KeyValuePair<string, object?> Tag(string key, string value) => new(key, value);
}
