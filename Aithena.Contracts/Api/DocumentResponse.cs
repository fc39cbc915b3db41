// In Aithena.Contracts (namespace kept) so that Aithena.Web reads the Api's own records without referencing the Api.
namespace Aithena.Api.Documents;

/// <summary>
/// A document as the Api shows it: metadata, status and where it came from. <c>Ocr</c> is <c>none</c> (nothing to
/// recognise), <c>pending</c>, <c>done</c> or <c>failed</c> (<c>OcrFailure</c> says which page and why); <c>OcrPages</c>
/// counts the pages whose text came from OCR. <c>Title</c> to <c>Language</c> are the effective values: a librarian's
/// correction where there is one (<c>Corrections</c>, null when nothing was corrected), else what extraction found.
/// </summary>
public sealed record DocumentResponse(
    string Id,
    string Path,
    string FileName,
    long Size,
    DateTimeOffset ModifiedAt,
    string? Title,
    string? Author,
    int? Year,
    string? Category,
    string? Language,
    int? PageCount,
    string Status,
    string? FailureReason,
    string? Source,
    DateTimeOffset? QueuedAt,
    DateTimeOffset? IndexedAt,
    int? TextlessPages,
    long? TextLength,
    string? Embeddings = null,
    string Ocr = "none",
    int? OcrPages = null,
    string? OcrFailure = null,
    string? UploadedBy = null,
    string? EmbeddingsFailureReason = null,
    MetadataCorrections? Corrections = null);
