using Aithena.Catalog;

namespace Aithena.Api.Documents;

public static class DocumentRecordExtensions
{
    /// <summary>A catalog row as the Api shows it (the response record lives in Aithena.Contracts, which has no catalog).</summary>
    /// <param name="embeddings">
    /// Whether semantic search knows the document's current text: pending, done or failed (null when it is not
    /// indexed, or semantic search is off).
    /// </param>
    public static DocumentResponse ToResponse(this DocumentRecord d, string? embeddings = null) => new(d.Id, d.Path, d.FileName, d.Size, d.ModifiedAt,
        d.Title, d.Author, d.Year, d.Category, d.Language, d.PageCount, d.Status, d.FailureReason, d.Source, d.QueuedAt, d.IndexedAt,
        d.TextlessPages, d.TextLength, embeddings, d.Ocr ?? "none", d.OcrPages, d.OcrFailure, d.UploadedBy);
}
