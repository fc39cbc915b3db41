using Aithena.Catalog;

namespace Aithena.Api.Documents;

public static class DocumentRecordExtensions
{
    /// <summary>A catalog row as the Api shows it (the response record lives in Aithena.Contracts, which has no catalog).</summary>
    public static DocumentResponse ToResponse(this DocumentRecord d) => new(d.Id, d.Path, d.FileName, d.Size, d.ModifiedAt, d.Title, d.Author, d.Year,
        d.Category, d.Language, d.PageCount, d.Status, d.FailureReason, d.Source, d.QueuedAt, d.IndexedAt, d.TextlessPages, d.TextLength);
}
