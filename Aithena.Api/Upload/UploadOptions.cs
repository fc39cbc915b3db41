using System.ComponentModel.DataAnnotations;

namespace Aithena.Api.Upload;

/// <summary>Bound from <c>Upload</c> (environment <c>Upload__MaxFileSize</c>); the section's publish settings are <see cref="Messaging.PublishOptions"/>.</summary>
public sealed class UploadOptions
{
    public const string SectionName = "Upload";

    /// <summary>The largest PDF accepted, in bytes (default 50 MB). The server stops reading a body past it.</summary>
    [Range(1, long.MaxValue)]
    public long MaxFileSize { get; set; } = 50L * 1024 * 1024;

    /// <summary>Room for the multipart envelope around the file (boundaries, part headers).</summary>
    internal const long MultipartOverhead = 64 * 1024;

    internal long MaxRequestBodySize => MaxFileSize + MultipartOverhead;
}
