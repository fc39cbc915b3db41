using Aithena.Indexer.Indexing;
using Aithena.Tests.Infrastructure;

namespace Aithena.Tests.Indexer;

/// <summary>The extractor on hostile files, in this process: each is read or refused with a reason, never a crash.</summary>
public sealed class DocumentBudgetTests : IDisposable
{
    private readonly TestLibrary _library = new();
    private readonly PdfPigTextExtractor _extractor = new();

    public void Dispose() => _library.Dispose();

    private ExtractedPdf Extract(byte[] pdf, IndexerOptions? limits = null) =>
        _extractor.Extract(pdf, limits ?? new IndexerOptions(), TestContext.Current.CancellationToken);

    private string Refused(byte[] pdf, IndexerOptions? limits = null) =>
        Assert.Throws<PermanentIndexingException>(() => Extract(pdf, limits)).Message;

    [Fact]
    public void A_deflate_bomb_is_refused_as_one_naming_the_stream_limit()
    {
        var reason = Refused(HostilePdf.DeflateBomb(inflatedMiB: 256), new IndexerOptions { MaxStreamBytes = 16 << 20 });

        Assert.Contains("decompression bomb", reason, StringComparison.Ordinal);
        Assert.Contains("16 MiB", reason, StringComparison.Ordinal);
        Assert.Contains("Indexer:MaxStreamBytes", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Streams_under_the_stream_limit_that_add_up_past_the_document_limit_are_refused()
    {
        var reason = Refused(HostilePdf.DeflateBomb(inflatedMiB: 8), new IndexerOptions { MaxStreamBytes = 16 << 20, MaxDecodedBytes = 4 << 20 });

        Assert.Contains("Indexer:MaxDecodedBytes", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stream_within_the_limits_is_read()
    {
        var pdf = Extract(HostilePdf.DeflateBomb(inflatedMiB: 2), new IndexerOptions { MaxStreamBytes = 16 << 20 });

        Assert.Single(pdf.Pages);
    }

    [Fact]
    public void An_lzw_bomb_is_refused_before_it_is_decoded()
    {
        var reason = Refused(HostilePdf.LzwBomb(inflatedMiB: 256), new IndexerOptions { MaxStreamBytes = 16 << 20 });

        Assert.Contains("decompression bomb", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_lzw_stream_within_the_limits_is_read()
    {
        var pdf = Extract(HostilePdf.LzwBomb(inflatedMiB: 2), new IndexerOptions { MaxStreamBytes = 16 << 20 });

        Assert.Single(pdf.Pages);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(20)]
    public void The_lzw_measure_agrees_with_pdfpigs_decoder_to_the_byte(int mebibytes)
    {
        var pdf = HostilePdf.LzwBomb(mebibytes);
        var text = System.Text.Encoding.Latin1.GetString(pdf);
        var start = text.IndexOf("stream\n", StringComparison.Ordinal) + "stream\n".Length;
        var data = pdf[start..text.LastIndexOf("\nendstream", StringComparison.Ordinal)];

        var decoded = new UglyToad.PdfPig.Filters.LzwFilter().Decode(data,
            new UglyToad.PdfPig.Tokens.DictionaryToken(new Dictionary<UglyToad.PdfPig.Tokens.NameToken, UglyToad.PdfPig.Tokens.IToken>()),
            UglyToad.PdfPig.Filters.DefaultFilterProvider.Instance, 0);

        Assert.Equal(decoded.Length, BudgetedFilter.LzwDecoded(data, earlyChange: true, long.MaxValue));
        Assert.Null(BudgetedFilter.LzwDecoded(data, earlyChange: true, decoded.Length - 1));
    }

    [Fact]
    public void Two_hundred_thousand_nested_arrays_do_not_reach_the_stack()
    {
        // PdfPig's depth guard (Indexer:MaxNestingDepth) stops the nesting; the page has no text to give.
        var pdf = Extract(HostilePdf.NestedArrays(200_000));

        Assert.Equal([""], pdf.Pages.Select(p => p.Trim()));
    }

    [Fact]
    public void A_page_tree_that_lists_itself_is_read_once()
    {
        var pdf = Extract(HostilePdf.PageTreeCycle());

        Assert.Equal(["Cycle survivor"], pdf.Pages.Select(p => p.Trim()));
    }

    [Fact]
    public void A_page_tree_claiming_ten_million_pages_gives_the_pages_it_has()
    {
        var pdf = Extract(HostilePdf.ClaimsPages(10_000_000));

        Assert.Equal(["Claims many pages"], pdf.Pages.Select(p => p.Trim()));
    }

    [Fact]
    public void A_form_that_draws_itself_does_not_recurse_forever()
    {
        var pdf = Extract(HostilePdf.SelfDrawingForm());

        Assert.Single(pdf.Pages);
    }

    [Theory]
    [InlineData("\uFB01nd the e\uFB00ect", "find the effect")] // ligature glyphs
    [InlineData("\uFE8E\uFE92\uFEA3\uFEAE\uFEE3", "\u0645\u0631\u062D\u0628\u0627")] // Arabic presentation forms of "marhaba", as on the page
    [InlineData("\uFF21\uFF29\uFF34\uFF28\uFF25\uFF2E\uFF21", "AITHENA")] // full-width letters
    [InlineData("tab\tand\u0001control", "tab\tand control")]
    public void Text_is_normalised_to_the_letters_a_query_holds(string extracted, string indexed) =>
        Assert.Equal(indexed, SearchableText.Clean(extracted));

    [Fact]
    public void Garbage_and_truncated_files_are_refused_as_corrupt()
    {
        Assert.Contains("corrupt", Refused(HostilePdf.Garbage()), StringComparison.Ordinal);
        Assert.Contains("corrupt", Refused(TestPdf.Truncated()), StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_over_its_time_is_refused_naming_the_time_limit()
    {
        var pages = Enumerable.Range(1, 3000).Select(i => $"Page {i} of a document that takes its time.").ToList();

        // A limit far below what 3,000 pages take on any machine, so the outcome does not depend on its speed.
        var reason = Refused(TestPdf.Create(pages), new IndexerOptions { MaxPages = 10_000, MaxDuration = TimeSpan.FromMilliseconds(1) });

        Assert.Contains("Indexer:MaxDuration", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_service_stopping_is_not_a_verdict_on_the_document()
    {
        using var stopping = new CancellationTokenSource();
        stopping.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => _extractor.Extract(TestPdf.WithPages("fine"), new IndexerOptions(), stopping.Token));
    }
}
