namespace Aithena.Web.Api;

/// <summary>How the Api answered one upload, in the terms the upload page shows.</summary>
public sealed record UploadAnswer(int StatusCode, string? DocumentId, string? DocumentStatus, bool Duplicate, string? Title, string? Detail, TimeSpan? RetryAfter)
{
    public bool Accepted => DocumentId is not null;
}
