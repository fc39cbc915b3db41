using System.Collections.Concurrent;

namespace Aithena.AppHost.Restarts;

/// <summary>
/// The restarts of each worker resource (by its name: every replica of "indexer" counts for "indexer"), kept for the
/// run: the restarter writes them, and each worker is started with its count (<c>Aithena__RestartCount</c>) so its own
/// status report says it was restarted.
/// </summary>
public sealed class WorkerRestartLedger
{
    private readonly ConcurrentDictionary<string, List<DateTimeOffset>> _restarts = new(StringComparer.Ordinal);

    public int Count(string resourceName) => _restarts.TryGetValue(resourceName, out var times) ? Snapshot(times).Count : 0;

    /// <summary>Restarts of the resource since <paramref name="since"/>.</summary>
    public int CountSince(string resourceName, DateTimeOffset since) =>
        _restarts.TryGetValue(resourceName, out var times) ? Snapshot(times).Count(t => t >= since) : 0;

    public int Record(string resourceName, DateTimeOffset at)
    {
        var times = _restarts.GetOrAdd(resourceName, _ => []);
        lock (times)
        {
            times.Add(at);
            return times.Count;
        }
    }

    private static List<DateTimeOffset> Snapshot(List<DateTimeOffset> times)
    {
        lock (times)
        {
            return [.. times];
        }
    }
}
