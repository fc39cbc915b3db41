// In Aithena.Contracts (namespace kept) so that Aithena.Web reads the Api's own records without referencing the Api.
namespace Aithena.Api.Documents;

/// <summary>
/// A document's corrected metadata: what a librarian corrected (null fields were not), what extraction found (kept up
/// to date by every re-indexing, shown again when a correction is cleared), and who corrected last, when. The
/// document's own fields are the effective values: the correction where there is one, else what extraction found.
/// </summary>
public sealed record MetadataCorrections(MetadataFields Corrected, MetadataFields Extracted, string CorrectedBy, DateTimeOffset CorrectedAt);
