using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;

namespace Aithena.Indexer.Indexing;

/// <summary>
/// Reads a PDF with PdfPig in this process (<c>Indexer:TextExtractor=PdfPig</c>), within the document's budget (<see cref="IndexerOptions"/>): its time, its decoded bytes
/// (through <see cref="BudgetedFilterProvider"/>), its nesting depth and its pages. Anything PdfPig cannot read, and
/// any limit hit, is a permanent fault: retrying the same bytes cannot help.
/// PdfPig's exception is not kept as the inner one: MassTransit records the innermost exception in the error
/// queue's headers, and the reason written there should be ours, which already quotes PdfPig's message.
/// </summary>
public sealed class PdfPigTextExtractor : IPdfTextExtractor
{
    public Task<ExtractedPdf> ExtractAsync(byte[] content, IndexerOptions limits, CancellationToken cancellationToken) =>
        Task.FromResult(Extract(content, limits, cancellationToken));

    /// <summary>Reads the PDF from bytes already in memory: the caller hashed these very bytes (PdfPig reads a whole file into memory anyway).</summary>
    /// <param name="cancellationToken">The service stopping: the extraction is abandoned and the message handed back.</param>
    public ExtractedPdf Extract(byte[] content, IndexerOptions limits, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limits.MaxDuration);
        var budget = new DocumentBudget(limits, deadline.Token);
        try
        {
            return Extract(content, budget);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw ExtractionRefusals.TookTooLong(limits.MaxDuration);
        }
    }

    private static ExtractedPdf Extract(byte[] content, DocumentBudget budget)
    {
        var parsing = new ParsingOptions
        {
            FilterProvider = new BudgetedFilterProvider(budget),
            MaxStackDepth = budget.Options.MaxNestingDepth,
        };

        PdfDocument document;
        try
        {
            document = Open(content, parsing);
        }
        catch (Exception e) when (e is not IOException and not UnauthorizedAccessException and not OperationCanceledException)
        {
            throw Permanent(e, budget, "The PDF is corrupt or not a PDF");
        }

        // Opened on the first page that cannot be read: the same bytes, skipping the fonts PdfPig cannot parse, so
        // that page still gives the text of its other fonts.
        PdfDocument? lenient = null;
        using (document)
        {
            try
            {
                budget.ThrowIfExceeded();
                var maxPages = budget.Options.MaxPages;
                if (document.NumberOfPages > maxPages)
                {
                    throw ExtractionRefusals.TooManyPages(document.NumberOfPages, maxPages);
                }

                // Page by page, by number (never more than the /Count checked above), so that one page PdfPig cannot read
                // (a font it cannot parse, measured on a real Arabic guide) costs that page, not the document.
                var pages = new List<string>(document.NumberOfPages);
                var unreadable = new List<UnreadablePage>();
                for (var number = 1; number <= document.NumberOfPages; number++)
                {
                    budget.ThrowIfCancellationRequested();
                    try
                    {
                        pages.Add(SearchableText.Clean(document.GetPage<PageText>(number).Text));
                    }
                    catch (OutOfMemoryException) when (budget.Exceeded is null)
                    {
                        // One page too large for the capped heap costs that page: its objects are garbage once the
                        // exception has unwound, so the next page reads normally. (A real 10-page LuaTeX file came within
                        // the cap's margin on one page: indexed in one run, failed whole in another.) Reading it again
                        // leniently would only run out of memory again.
                        unreadable.Add(new UnreadablePage(number, TooLarge()));
                        pages.Add("");
                    }
                    catch (Exception e) when (IsPageFault(e, budget))
                    {
                        try
                        {
                            lenient ??= Open(content, new ParsingOptions
                            {
                                FilterProvider = parsing.FilterProvider,
                                MaxStackDepth = parsing.MaxStackDepth,
                                SkipMissingFonts = true,
                            });
                            pages.Add(SearchableText.Clean(lenient.GetPage<PageText>(number).Text));
                        }
                        catch (Exception again) when (IsPageFault(again, budget))
                        {
                            unreadable.Add(new UnreadablePage(number, Describe(e)));
                            pages.Add("");
                        }
                    }

                    budget.ThrowIfExceeded();
                }

                if (pages.Count > 0 && unreadable.Count == pages.Count && unreadable.All(u => u.Reason == TooLarge()))
                {
                    throw new PermanentIndexingException(TooLarge());
                }

                if (pages.Count > 0 && unreadable.Count == pages.Count)
                {
                    throw new PermanentIndexingException($"The PDF is corrupt: no page could be read (page 1: {unreadable[0].Reason}).");
                }

                return new ExtractedPdf(pages, document.Information.Title, document.Information.Author, unreadable);
            }
            catch (Exception e) when (e is not PermanentIndexingException and not IOException and not OperationCanceledException)
            {
                throw Permanent(e, budget, "The PDF is corrupt");
            }
            finally
            {
                lenient?.Dispose();
            }
        }
    }

    /// <summary>
    /// A document whose pages are read for their text alone (<see cref="TextPageFactory"/>): the same text as PdfPig's
    /// <c>ContentOrderTextExtractor</c> on its full pages (measured identical on all 11,977 readable pages of the real
    /// corpus), without building each glyph's boxes, colours and every path, which cost about a tenth of the allocations.
    /// </summary>
    private static PdfDocument Open(byte[] content, ParsingOptions parsing)
    {
        var document = PdfDocument.Open(content, parsing);
        document.AddPageFactory<PageText, TextPageFactory>();
        return document;
    }

    /// <summary>A failure of one page's content (a font, an operator), not a limit hit, a stop or a failing disk.</summary>
    private static bool IsPageFault(Exception e, DocumentBudget budget) =>
        e is not PermanentIndexingException and not IOException and not OperationCanceledException and not OutOfMemoryException
        && budget.Exceeded is null;

    /// <summary>The reason to record: a limit hit deep inside PdfPig comes out wrapped, or as some other failure it caused.</summary>
    private static PermanentIndexingException Permanent(Exception e, DocumentBudget budget, string what)
    {
        // Time up or stopping, even when PdfPig wrapped the cancellation in an exception of its own.
        budget.ThrowIfCancellationRequested();
        return e switch
        {
            _ when budget.Exceeded is not null => new PermanentIndexingException(budget.Exceeded),
            PermanentIndexingException permanent => permanent,
            PdfDocumentEncryptedException => new PermanentIndexingException(ExtractionRefusals.Encrypted),
            OutOfMemoryException => new PermanentIndexingException(TooLarge()),
            _ => new PermanentIndexingException($"{what} ({Describe(e)})."),
        };
    }

    private static string TooLarge() =>
        $"Reading the PDF needed more memory than the Indexer may use (its GC heap is capped at {DocumentBudget.Size(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes)}): " +
        "a page or stream too large to read.";

    private static string Describe(Exception e) => e.Message.Length > 200 ? e.Message[..200] + "…" : e.Message;
}
