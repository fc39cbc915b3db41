using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using UglyToad.PdfPig.Exceptions;

namespace Aithena.Indexer.Indexing;

/// <summary>The text of each page and the PDF's own title and author.</summary>
public sealed record ExtractedPdf(IReadOnlyList<string> Pages, string? Title, string? Author);

/// <summary>
/// Reads a PDF with PdfPig. Anything PdfPig cannot read is a permanent fault: retrying the same bytes cannot help.
/// PdfPig's exception is not kept as the inner one: MassTransit records the innermost exception in the error
/// queue's headers, and the reason written there should be ours, which already quotes PdfPig's message.
/// </summary>
public sealed class PdfTextExtractor
{
    private const string Encrypted = "The PDF is encrypted; Aithena cannot read protected documents.";

    /// <summary>Reads the PDF from bytes already in memory: the caller hashed these very bytes (PdfPig reads a whole file into memory anyway).</summary>
    public ExtractedPdf Extract(byte[] content, int maxPages, CancellationToken cancellationToken)
    {
        PdfDocument document;
        try
        {
            document = PdfDocument.Open(content);
        }
        catch (PdfDocumentEncryptedException)
        {
            throw new PermanentIndexingException(Encrypted);
        }
        catch (Exception e) when (e is not IOException and not UnauthorizedAccessException and not OperationCanceledException)
        {
            throw new PermanentIndexingException($"The PDF is corrupt or not a PDF ({Describe(e)}).");
        }

        using (document)
        {
            try
            {
                if (document.NumberOfPages > maxPages)
                {
                    throw new PermanentIndexingException($"The PDF has {document.NumberOfPages} pages, more than the limit of {maxPages} (Indexer:MaxPages).");
                }

                var pages = new List<string>(document.NumberOfPages);
                foreach (var page in document.GetPages())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    pages.Add(Clean(ContentOrderTextExtractor.GetText(page)));
                }

                return new ExtractedPdf(pages, document.Information.Title, document.Information.Author);
            }
            catch (PdfDocumentEncryptedException)
            {
                throw new PermanentIndexingException(Encrypted);
            }
            catch (Exception e) when (e is not PermanentIndexingException and not IOException and not OperationCanceledException)
            {
                throw new PermanentIndexingException($"The PDF is corrupt ({Describe(e)}).");
            }
        }
    }

    private static string Describe(Exception e) => e.Message.Length > 200 ? e.Message[..200] + "…" : e.Message;

    /// <summary>Control characters mean nothing in a full-text index (and the catalog uses two of them to mark snippets).</summary>
    private static string Clean(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(char.IsControl(c) && c is not '\n' and not '\t' ? ' ' : c);
        }

        return builder.ToString();
    }
}
