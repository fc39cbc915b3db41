using Aithena.Api.Documents;
using Aithena.Catalog;
using Aithena.Contracts;

namespace Aithena.Api.Metadata;

/// <summary>
/// A librarian's correction of a document's title, author, year, category and language: checked
/// (<see cref="MetadataRules"/>), then stored apart from what extraction found, with who corrected it.
/// </summary>
public sealed class CorrectDocumentMetadata(IMetadataCorrections corrections, TimeProvider clock, ILogger<CorrectDocumentMetadata> logger)
{
    public async Task<CorrectionResult> HandleAsync(string id, MetadataFields request, string correctedBy, CancellationToken cancellationToken)
    {
        var (fields, error) = MetadataRules.Check(request, clock.GetUtcNow());
        if (fields is null)
        {
            return new CorrectionResult.Invalid(error!);
        }

        if (!DocumentIds.IsValid(id) || !await corrections.CorrectAsync(id, fields, correctedBy, cancellationToken))
        {
            return new CorrectionResult.NotFound();
        }

        MetadataLog.Corrected(logger, id, fields.IsEmpty);
        return new CorrectionResult.Corrected();
    }
}
