using Aithena.Indexer.Indexing;
using Aithena.Tests.Infrastructure;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace Aithena.Tests.Indexer;

/// <summary>
/// The Indexer reads pages for their text alone (<see cref="TextPageFactory"/>), skipping the glyph boxes, colours and
/// paths PdfPig builds for a full page. Its text must stay what PdfPig's <c>ContentOrderTextExtractor</c> reads on the
/// full page, character for character, on real PDFs (scripts/corpus.sh --sample: Latin, Cyrillic and Arabic, several
/// producers; the whole corpus was compared once, 11,977 pages, all identical).
/// </summary>
public sealed class TextPageFactoryTests
{
    private const int PerPackage = 6;

    [Fact]
    public void Every_page_of_real_pdfs_reads_as_pdfpigs_content_order_text_of_the_full_page()
    {
        var directory = Path.Combine(Repo.Root, ".aithena", "corpus-sample");
        var files = CorpusFile.ReadManifest(directory);
        Assert.True(files.Count > 0, $"No real-PDF sample in {directory}: scripts/test.sh makes it (scripts/corpus.sh --sample).");
        var sample = files.GroupBy(file => file.Package)
            .SelectMany(package => package.OrderBy(file => file.Size).Take(package.Count() / 2).Where((_, i) => i % Math.Max(1, package.Count() / 2 / PerPackage) == 0).Take(PerPackage))
            .ToList();

        var pages = 0;
        var different = new List<string>();
        foreach (var file in sample)
        {
            using var document = PdfDocument.Open(file.FullPath);
            document.AddPageFactory<PageText, TextPageFactory>();
            for (var number = 1; number <= document.NumberOfPages; number++)
            {
                string expected;
                try
                {
                    expected = ContentOrderTextExtractor.GetText(document.GetPage(number));
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // A page PdfPig cannot read (a font it cannot parse) must fail the same way for text alone.
                    Assert.ThrowsAny<Exception>(() => document.GetPage<PageText>(number));
                    continue;
                }

                pages++;
                if (document.GetPage<PageText>(number).Text != expected)
                {
                    different.Add($"{file.Name} p. {number}");
                }
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{sample.Count} PDFs, {pages} pages compared");
        Assert.True(pages > 0);
        Assert.Empty(different);
    }
}
