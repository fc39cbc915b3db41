using Aithena.Indexer.Indexing;
using Aithena.Tests.Infrastructure;

namespace Aithena.Tests.Indexer;

/// <summary>
/// The default extractor, MuPDF's mutool in child processes, on ordinary and hostile files: each is read or refused with
/// a reason, what costs a child its memory costs that page, and time is the bound on what a file can take.
/// </summary>
public sealed class MuPdfTextExtractorTests : IDisposable
{
    private readonly string _temporaryFolder = Directory.CreateTempSubdirectory("aithena-mupdf-tests-").FullName;
    private readonly MuPdfTextExtractor _extractor;

    public MuPdfTextExtractorTests() => _extractor = new(_temporaryFolder);

    public void Dispose() => Directory.Delete(_temporaryFolder, recursive: true);

    private Task<ExtractedPdf> ExtractAsync(byte[] pdf, IndexerOptions? limits = null) =>
        _extractor.ExtractAsync(pdf, limits ?? new IndexerOptions(), TestContext.Current.CancellationToken);

    private async Task<string> RefusedAsync(byte[] pdf, IndexerOptions? limits = null) =>
        (await Assert.ThrowsAsync<PermanentIndexingException>(() => ExtractAsync(pdf, limits))).Message;

    [Fact]
    public async Task Each_page_gives_its_own_text_and_the_pdf_its_title_and_author()
    {
        var pdf = await ExtractAsync(TestPdf.Create(["The \uFB01rst page", "", "The third page"], title: "A Field Guide", author: "Ada Lovelace"));

        Assert.Equal(["The first page", "", "The third page"], pdf.Pages.Select(p => p.Trim()));
        Assert.Equal(("A Field Guide", "Ada Lovelace"), (pdf.Title, pdf.Author));
        Assert.Empty(pdf.UnreadablePages);
    }

    [Fact]
    public async Task A_pdf_without_a_title_or_author_has_none()
    {
        var pdf = await ExtractAsync(TestPdf.WithPages("untitled"));

        Assert.Equal((null, null), (pdf.Title, pdf.Author));
    }

    [Fact]
    public async Task A_document_with_more_pages_than_the_limit_is_refused_naming_the_limit()
    {
        var reason = await RefusedAsync(TestPdf.WithPages("one", "two", "three"), new IndexerOptions { MaxPages = 2 });

        Assert.Contains("3 pages", reason, StringComparison.Ordinal);
        Assert.Contains("Indexer:MaxPages", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_tree_that_lists_itself_is_read_once()
    {
        var pdf = await ExtractAsync(HostilePdf.PageTreeCycle());

        Assert.Equal(["Cycle survivor"], pdf.Pages.Select(p => p.Trim()));
    }

    [Fact]
    public async Task A_page_tree_claiming_ten_million_pages_gives_the_pages_it_has()
    {
        var pdf = await ExtractAsync(HostilePdf.ClaimsPages(10_000_000));

        Assert.Equal(["Claims many pages"], pdf.Pages.Select(p => p.Trim()));
    }

    [Fact]
    public async Task Nesting_and_self_drawing_forms_end_in_a_page_without_text()
    {
        Assert.Equal([""], (await ExtractAsync(HostilePdf.NestedArrays(200_000))).Pages.Select(p => p.Trim()));
        Assert.Single((await ExtractAsync(HostilePdf.SelfDrawingForm())).Pages);
    }

    [Fact]
    public async Task Garbage_and_truncated_files_are_refused_as_corrupt()
    {
        Assert.Contains("corrupt", await RefusedAsync(HostilePdf.Garbage()), StringComparison.Ordinal);
        Assert.Contains("corrupt", await RefusedAsync(TestPdf.Truncated()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_encrypted_pdf_is_refused_as_encrypted()
    {
        Assert.Contains("encrypted", await RefusedAsync(TestPdf.Encrypted()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_past_mupdfs_memory_limit_costs_that_page_and_the_next_pages_are_read()
    {
        // Millions of glyphs on page 2: laid out as text they need far more than 100 MB, mutool's address space here.
        var pdf = await ExtractAsync(HostilePdf.ReadablePageThenManyTextOperators("Colophon before the flood", 45),
            new IndexerOptions { MaxMuPdfMemoryBytes = 100_000_000 });

        Assert.Equal("Colophon before the flood", pdf.Pages[0].Trim());
        var page = Assert.Single(pdf.UnreadablePages);
        Assert.Equal(2, page.Number);
        Assert.Contains("Indexer:MaxMuPdfMemoryBytes", page.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_document_whose_only_page_is_past_the_memory_limit_is_refused_naming_it()
    {
        var reason = await RefusedAsync(HostilePdf.ManyTextOperators(45), new IndexerOptions { MaxMuPdfMemoryBytes = 100_000_000 });

        Assert.Contains("more memory than MuPDF may use", reason, StringComparison.Ordinal);
        Assert.Contains("Indexer:MaxMuPdfMemoryBytes", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_decompression_bomb_costs_at_most_the_documents_time()
    {
        // MuPDF inflates a content stream as it reads it, in constant memory: a 4 GiB bomb costs time (about 20 s here),
        // which the document's limit bounds; the child is killed when it is up.
        var reason = await RefusedAsync(HostilePdf.DeflateBomb(inflatedMiB: 4096), new IndexerOptions { MaxDuration = TimeSpan.FromSeconds(1) });

        Assert.Contains("Indexer:MaxDuration", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_service_stopping_is_not_a_verdict_on_the_document()
    {
        using var stopping = new CancellationTokenSource();
        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _extractor.ExtractAsync(TestPdf.WithPages("fine"), new IndexerOptions(), stopping.Token));
    }

    [Fact]
    public async Task No_temporary_copy_of_the_pdf_is_left_behind()
    {
        await ExtractAsync(TestPdf.WithPages("read and gone"));
        await RefusedAsync(HostilePdf.Garbage());

        Assert.Empty(Directory.GetFiles(_temporaryFolder));
    }

    [Fact]
    public async Task Copies_a_killed_indexer_left_a_day_ago_are_deleted_and_recent_ones_kept()
    {
        var abandoned = Path.Combine(_temporaryFolder, "aithena-extract-abandoned.pdf");
        var inUse = Path.Combine(_temporaryFolder, "aithena-extract-in-use.pdf");
        await File.WriteAllBytesAsync(abandoned, TestPdf.WithPages("left behind"), TestContext.Current.CancellationToken);
        await File.WriteAllBytesAsync(inUse, TestPdf.WithPages("another indexer's"), TestContext.Current.CancellationToken);
        File.SetLastWriteTimeUtc(abandoned, DateTime.UtcNow.AddDays(-2));

        await ExtractAsync(TestPdf.WithPages("the first document"));

        Assert.Equal([inUse], Directory.GetFiles(_temporaryFolder));
    }

    [Fact]
    public async Task A_mostly_right_to_left_document_keeps_the_spaces_between_its_words()
    {
        // A real Persian user guide from the test run's sample (scripts/corpus.sh --sample), typeset by XeLaTeX: no space
        // glyphs between its words, which mutool draw then runs together (34 % of pdftotext's vocabulary).
        var file = Path.Combine(Repo.Root, ".aithena", "corpus-sample", "pdf", "texlive-lang-arabic--texlive-doc_bibtex_alpha-persian_alpha-persian-p.userguide.pdf");
        Assert.True(File.Exists(file), $"No {file}: scripts/test.sh makes the sample (scripts/corpus.sh --sample).");

        var pdf = await ExtractAsync(await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken));
        var words = Vocabulary.Of(await PdfToText.ReadAsync(file, TestContext.Current.CancellationToken));
        var found = Vocabulary.Of(string.Join("\n", pdf.Pages));

        var shared = (double)words.Count(found.Contains) / words.Count;
        TestContext.Current.TestOutputHelper?.WriteLine($"{shared:P0} of pdftotext's {words.Count} words");
        Assert.True(shared >= 0.75, $"{shared:P0} of pdftotext's words");
    }

    [Fact]
    public void Without_mutool_on_the_path_the_check_names_the_package_to_install_or_the_other_extractor()
    {
        var refused = MuPdfToolCheck.Check(new IndexerOptions(), path: "/nonexistent");
        var pdfPig = MuPdfToolCheck.Check(new IndexerOptions { TextExtractor = TextExtractor.PdfPig }, path: "/nonexistent");

        Assert.True(refused.Failed);
        Assert.Contains("mupdf-tools", refused.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Indexer:TextExtractor=PdfPig", refused.FailureMessage, StringComparison.Ordinal);
        Assert.True(pdfPig.Succeeded);
        Assert.True(MuPdfToolCheck.Check(new IndexerOptions(), Environment.GetEnvironmentVariable("PATH")).Succeeded);
    }
}
