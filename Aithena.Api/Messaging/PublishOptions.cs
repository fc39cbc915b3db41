using System.ComponentModel.DataAnnotations;

namespace Aithena.Api.Messaging;

/// <summary>
/// The publish pipeline's budget and circuit breaker. Bound from <c>Upload</c>, the section these settings have always
/// been documented under (<c>Upload__PublishTimeout</c>, ...), though they belong to publishing, not to receiving a file.
/// </summary>
public sealed class PublishOptions
{
    public const string SectionName = "Upload";

    /// <summary>How long an upload may wait for the broker to confirm its message, retries included, before it answers 502.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Consecutive failed sends that open the circuit, after which uploads fail fast.</summary>
    [Range(2, 1000)]
    public int CircuitBreakerFailures { get; set; } = 5;

    /// <summary>How long the circuit stays open before one upload is let through to test the broker.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(15);
}
