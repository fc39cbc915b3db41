using System.ComponentModel.DataAnnotations;

namespace Aithena.Web.Upload;

/// <summary>What the upload page accepts before anything is sent (the Api checks again: its limits decide).</summary>
public sealed class UploadOptions
{
    public const string SectionName = "Upload";

    /// <summary>The largest file read from the browser; the Api's own <c>Upload:MaxFileSize</c> (50 MB) by default.</summary>
    [Range(1, long.MaxValue)]
    public long MaxFileSize { get; set; } = 50L * 1024 * 1024;

    /// <summary>Files taken from one drop or choice.</summary>
    [Range(1, 100)]
    public int MaxFiles { get; set; } = 20;

    /// <summary>How long a file's status is followed after the Api accepted it.</summary>
    public TimeSpan FollowFor { get; set; } = TimeSpan.FromMinutes(10);
}
