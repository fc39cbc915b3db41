using System.ComponentModel.DataAnnotations;

namespace Aithena.Lister.Scanning;

/// <summary>Bound from <c>Lister</c> (environment <c>Lister__Interval</c>, ...).</summary>
public sealed class ListerOptions
{
    public const string SectionName = "Lister";

    /// <summary>Time between the end of one scan and the start of the next; the first scan runs at start-up.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Commands sent at once; the broker confirms them in parallel on the one connection.</summary>
    [Range(1, 512)]
    public int MaxParallelSends { get; set; } = 32;

    /// <summary>Files sent and then recorded as queued together.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>How long one send may wait for the broker's confirmation before the scan gives up until the next one.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
