using System.Globalization;

namespace Aithena.Indexer.Indexing;

/// <summary>The reasons both extractors give for the same refusals, so a document fails the same way whichever reads it.</summary>
internal static class ExtractionRefusals
{
    public const string Encrypted = "The PDF is encrypted; Aithena cannot read protected documents.";

    public static PermanentIndexingException TooManyPages(long count, int maxPages) =>
        new($"The PDF has {count.ToString("N0", CultureInfo.InvariantCulture)} pages, more than the limit of {maxPages} (Indexer:MaxPages).");

    public static PermanentIndexingException TookTooLong(TimeSpan maxDuration) =>
        new($"Reading the PDF took longer than {maxDuration:c}, the limit per document (Indexer:MaxDuration).");
}
