namespace Aithena.Lister.Scanning;

/// <summary>The last scan's figures, for the health report.</summary>
public sealed class ScanStatus(TimeProvider clock)
{
    private volatile ScanResult? _last;
    private int _completed;
    private volatile string? _lastError;
    private readonly DateTimeOffset _startedAt = clock.GetUtcNow();

    public ScanResult? Last => _last;
    public string? LastError => _lastError;
    public DateTimeOffset StartedAt => _startedAt;

    /// <summary>Scans finished since start-up, whether or not they could send everything.</summary>
    public int Completed => Volatile.Read(ref _completed);

    public void Record(ScanResult result)
    {
        _last = result;
        Interlocked.Increment(ref _completed);
        _lastError = result.Problem;
    }

    public void Failed(Exception e) => _lastError = $"{e.GetType().Name}: {e.Message}";
}
