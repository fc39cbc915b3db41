using Aithena.Catalog;

namespace Aithena.Api.Documents;

/// <summary>A document as the Api shows it: metadata, status and where it came from.</summary>
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
    string? Embeddings = null)
{
    /// <param name="embeddings">
    /// Whether semantic search knows the document's current text: pending, done or failed (null when it is not
    /// indexed, or semantic search is off).
    /// </param>
    public static DocumentResponse From(DocumentRecord d, string? embeddings = null) => new(d.Id, d.Path, d.FileName, d.Size, d.ModifiedAt, d.Title, d.Author, d.Year,
        d.Category, d.Language, d.PageCount, d.Status, d.FailureReason, d.Source, d.QueuedAt, d.IndexedAt, d.TextlessPages, d.TextLength, embeddings);
}
