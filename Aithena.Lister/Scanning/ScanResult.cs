namespace Aithena.Lister.Scanning;

/// <summary>The figures of one scan, logged, exported as metrics and shown in the health report.</summary>
public sealed record ScanResult(
    DateTimeOffset CompletedAt,
    int FilesSeen,
    int Queued,
    int Removed,
    int Pending,
    TimeSpan Elapsed,
    string? Problem)
{
    public bool Complete => Problem is null;
}
