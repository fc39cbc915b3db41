using Aithena.Api.Documents;

namespace Aithena.Catalog;

/// <summary>
/// Metadata corrected by librarians (<see cref="MetadataCorrectionSchema"/>), whatever the engine: kept apart from what
/// extraction found, so re-indexing never overwrites a correction, and clearing one brings the extracted value back.
/// </summary>
public interface IMetadataCorrections
{
    /// <summary>A document's corrections, what extraction found and who corrected; null when nothing is corrected.</summary>
    Task<MetadataCorrections?> FindAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces all of a document's corrections with <paramref name="corrected"/> (a null field: not corrected; all null:
    /// no correction left) and makes the effective values, which search reads, follow, in one transaction. False when the
    /// catalog has no such document, or it was removed.
    /// </summary>
    Task<bool> CorrectAsync(string id, MetadataFields corrected, string correctedBy, CancellationToken cancellationToken = default);
}
