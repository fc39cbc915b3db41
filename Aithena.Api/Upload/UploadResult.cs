using Aithena.Catalog;

namespace Aithena.Api.Upload;

/// <summary>How an upload ended. Each case is one kind of HTTP answer, which the endpoint alone decides.</summary>
public abstract record UploadResult
{
    /// <summary>Stored and its indexing command confirmed by the broker.</summary>
    public sealed record Accepted(StoredUpload Stored, string OriginalFileName) : UploadResult;

    /// <summary>The same bytes are already in the library; nothing was stored or queued.</summary>
    public sealed record Duplicate(DocumentRecord Existing, string OriginalFileName) : UploadResult;

    /// <summary>Refused while reading the request; nothing was stored.</summary>
    public sealed record Rejected(UploadRejection Rejection) : UploadResult;

    /// <summary>The broker did not confirm; file and record were rolled back. <see cref="RetryAfter"/> while the circuit is open.</summary>
    public sealed record QueueUnavailable(TimeSpan? RetryAfter) : UploadResult;
}
