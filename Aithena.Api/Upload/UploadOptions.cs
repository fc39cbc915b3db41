using System.ComponentModel.DataAnnotations;

namespace Aithena.Api.Upload;

/// <summary>Bound from <c>Upload</c> (environment <c>Upload__MaxFileSize</c>, ...).</summary>
public sealed class UploadOptions
{
    public const string SectionName = "Upload";

    /// <summary>The largest PDF accepted, in bytes (default 50 MB). The server stops reading a body past it.</summary>
    [Range(1, long.MaxValue)]
    public long MaxFileSize { get; set; } = 50L * 1024 * 1024;

    /// <summary>How long an upload may wait for the broker to confirm its message, retries included, before it answers 502.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Consecutive failed sends that open the circuit, after which uploads fail fast.</summary>
    [Range(2, 1000)]
    public int CircuitBreakerFailures { get; set; } = 5;

    /// <summary>How long the circuit stays open before one upload is let through to test the broker.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Room for the multipart envelope around the file (boundaries, part headers).</summary>
    internal const long MultipartOverhead = 64 * 1024;

    internal long MaxRequestBodySize => MaxFileSize + MultipartOverhead;
}
