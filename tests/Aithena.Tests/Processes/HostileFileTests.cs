using System.Net;
using Aithena.Tests.Infrastructure;

namespace Aithena.Tests.Processes;

/// <summary>
/// Files built to hurt a parser, through a real Indexer process with its default limits (but MuPDF's time, below): each ends failed with a
/// reason or indexed, the process stays up and under 1 GB, and the document queued behind them is indexed.
/// </summary>
public sealed class HostileFileTests(SharedBroker shared) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private TestSystem _system = null!;

    public async ValueTask InitializeAsync() => _system = await TestSystem.CreateAsync(shared.Broker);

    public ValueTask DisposeAsync() => _system.DisposeAsync();

    /// <summary>Each file, what PdfPig in the Indexer's process makes of it, and what MuPDF's mutool in a child does.</summary>
    private static readonly (string Name, Func<byte[]> Pdf, string PdfPig, string MuPdf)[] Files =
    [
        // 4 GiB bombs (about 4 MB on disk) are far past PdfPig's default 64 MiB per stream (unbounded, Flate took 5 GB).
        // mutool inflates a bomb as it reads it, in constant memory: it costs time (about 20 s for 4 GiB of Flate here),
        // which the document's limit bounds (10 s in the MuPDF test; a machine that inflates 4 GiB faster indexes it empty).
        ("bomb.pdf", () => HostilePdf.DeflateBomb(inflatedMiB: 4096), "decompression bomb", "Indexer:MaxDuration|indexed"),
        ("lzw-bomb.pdf", () => HostilePdf.LzwBomb(inflatedMiB: 4096), "decompression bomb", "Indexer:MaxDuration|indexed"),
        // Nothing to decode, 45 MB of drawing operators: PdfPig reads it for its text alone, a page's paths never built,
        // within the capped GC heap (its full page, with every subpath, went past it).
        ("operators.pdf", () => HostilePdf.ManyOperators(45), "indexed", "indexed"),
        // 45 MB of text-showing operators: millions of glyphs parse to more than the Indexer's capped GC heap in PdfPig;
        // they fit in mutool's memory.
        ("text-operators.pdf", () => HostilePdf.ManyTextOperators(45), "more memory than the Indexer may use", "indexed"),
        // The same page after a readable one costs only itself: the document is indexed, that page counted textless.
        ("operators-on-page-2.pdf", () => HostilePdf.ReadablePageThenManyOperators("Colophon before the flood", 45), "indexed", "indexed"),
        ("nested.pdf", () => HostilePdf.NestedArrays(200_000), "indexed", "indexed"),
        ("cycle.pdf", HostilePdf.PageTreeCycle, "indexed", "indexed"),
        ("ten-million.pdf", () => HostilePdf.ClaimsPages(10_000_000), "indexed", "indexed"),
        ("self-drawing.pdf", HostilePdf.SelfDrawingForm, "indexed", "indexed"),
        ("truncated.pdf", TestPdf.Truncated, "corrupt", "corrupt"),
        ("garbage.pdf", () => HostilePdf.Garbage(), "corrupt", "corrupt"),
        ("encrypted.pdf", TestPdf.Encrypted, "encrypted", "encrypted"),
    ];

    [Fact]
    public Task Hostile_files_end_failed_or_indexed_while_a_pdfpig_indexer_stays_up_under_a_gigabyte() =>
        RunAsync(("Indexer:TextExtractor", "PdfPig"), Files.ToDictionary(f => f.Name, f => (f.Pdf(), f.PdfPig)));

    [Fact]
    public Task Hostile_files_end_failed_or_indexed_while_a_mupdf_indexer_stays_up_under_a_gigabyte() =>
        RunAsync(("Indexer:MaxDuration", "00:00:10"), Files.ToDictionary(f => f.Name, f => (f.Pdf(), f.MuPdf)));

    private async Task RunAsync((string, string?) setting, Dictionary<string, (byte[] Pdf, string Expected)> files)
    {
        var api = await _system.StartApiAsync();
        var indexer = await _system.StartProcessAsync("Aithena.Indexer", setting);

        var ids = new Dictionary<string, string>();
        foreach (var (name, (pdf, _)) in files)
        {
            using var response = await api.Http.UploadAsync(pdf, name);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            ids[name] = await response.UploadIdAsync();
        }

        using (var next = await api.Http.UploadAsync(TestPdf.WithPages("the next document in the queue"), "next.pdf"))
        {
            await api.Http.WaitForStatusAsync(await next.UploadIdAsync(), Timeout, "indexed");
        }

        foreach (var (name, (_, expected)) in files)
        {
            var document = await api.Http.WaitForStatusAsync(ids[name], Timeout, "indexed", "failed");
            var outcome = document.Status == "indexed" ? "indexed" : document.FailureReason;
            Assert.True(expected.Split('|').Any(e => outcome!.Contains(e, StringComparison.Ordinal)), $"{name}: expected '{expected}', got '{outcome}'");
        }

        Assert.False(indexer.HasExited);
        Assert.Equal(1, (await api.Http.GetAsync<SearchResponse>("/v1/search?q=survivor")).Total);
        var colophon = await api.Http.GetAsync<DocumentResponse>($"/v1/documents/{ids["operators-on-page-2.pdf"]}");
        Assert.Equal((2, 1), (colophon.PageCount, colophon.TextlessPages));
        Assert.Equal(1, (await api.Http.GetAsync<SearchResponse>("/v1/search?q=colophon")).Total);
        var peak = indexer.PeakMemoryBytes();
        TestContext.Current.TestOutputHelper?.WriteLine($"Indexer peak memory (VmHWM): {peak >> 20} MiB");
        Assert.True(peak < 1L << 30, $"the Indexer's peak memory was {peak >> 20} MiB");
    }
}
