using System.Net;
using Aithena.Tests.Infrastructure;

namespace Aithena.Tests.Ocr;

/// <summary>
/// Scanned pages through the whole pipeline with the real tools: the Api takes the upload, the Indexer finds pages with no
/// text layer and asks for OCR, the OCR worker renders them with pdftoppm and reads them with tesseract, and the words
/// are found through <c>GET /v1/search</c> on the right page. Documents are one or two pages of large print, so each
/// costs a few seconds of OCR.
/// </summary>
public sealed class OcrTests(SharedBroker shared, SharedPostgres postgres) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(180);
    private TestSystem _system = null!;
    private string? _postgres;

    public async ValueTask InitializeAsync() => _system = await TestSystem.CreateAsync(shared.Broker);

    public async ValueTask DisposeAsync()
    {
        await _system.DisposeAsync();
        if (_postgres is not null)
        {
            await postgres.DropDatabaseAsync(_postgres);
        }
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Only_the_scanned_page_of_a_mixed_document_is_recognised_and_found_on_its_page(string engine)
    {
        var catalog = await CatalogAsync(engine);
        var api = await _system.StartApiAsync(catalog);
        await _system.StartIndexerAsync(catalog);
        var ocr = await _system.StartOcrAsync(catalog);

        var scanned = await ScannedPdf.OfPagesAsync(["The walrus ledger records\nplankton harvests in winter."]);
        var pdf = await ScannedPdf.JoinAsync(TestPdf.WithPages("A born digital preface about lighthouse keepers."), scanned);
        var id = await UploadAsync(api, pdf, "Mixed Almanac.pdf");

        var document = await WaitForOcrAsync(api, id, "done");
        Assert.Equal(2, document.PageCount);
        Assert.Equal(1, document.TextlessPages);
        Assert.Equal(1, document.OcrPages);
        Assert.Null(document.OcrFailure);

        var scannedHit = await SingleHitAsync(api, "plankton");
        Assert.Equal(id, scannedHit.Id);
        Assert.Equal(2, scannedHit.Snippets[0].Page);
        Assert.Contains("<mark>plankton</mark>", scannedHit.Snippets[0].Text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, (await SingleHitAsync(api, "lighthouse")).Snippets[0].Page);
        // The born-digital page was never rendered or read by tesseract.
        Assert.DoesNotContain(ocr.Logs.GetSnapshot(), line => line.Message.StartsWith("Recognising page 1 ", StringComparison.Ordinal));
        Assert.Contains(ocr.Logs.GetSnapshot(), line => line.Message.StartsWith("Recognising page 2 ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_image_only_pdf_is_found_by_its_words_once_recognised()
    {
        var api = await _system.StartApiAsync();
        await _system.StartIndexerAsync();
        await _system.StartOcrAsync();

        var pdf = await ScannedPdf.OfPagesAsync(["Marmalade cartography\nof the northern fjords."]);
        Assert.Equal("", (await PdfToTextAsync(pdf)).Trim());
        var id = await UploadAsync(api, pdf, "Scanned Atlas.pdf");

        var document = await WaitForOcrAsync(api, id, "done");
        Assert.Equal(1, document.OcrPages);
        var hit = await SingleHitAsync(api, "cartography");
        Assert.Equal(id, hit.Id);
        Assert.Equal(1, hit.Snippets[0].Page);
        Assert.Contains("<mark>cartography</mark>", hit.Snippets[0].Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_page_too_large_to_render_fails_with_its_reason_and_the_worker_goes_on()
    {
        var api = await _system.StartApiAsync();
        await _system.StartIndexerAsync();
        var ocr = await _system.StartOcrAsync();

        // 200 x 200 inches: 30,000 x 30,000 pixels at 150 dpi.
        var huge = await ScannedPdf.ScanAsync(TestPdf.WithPages("Enormous poster."), pageSize: "200inx200in");
        var hugeId = await UploadAsync(api, huge, "Poster.pdf");
        var failed = await WaitForOcrAsync(api, hugeId, "failed");
        Assert.Equal("indexed", failed.Status);
        Assert.Equal(0, failed.OcrPages);
        Assert.Contains("page 1:", failed.OcrFailure, StringComparison.Ordinal);
        Assert.Contains("Ocr:MaxPagePixels", failed.OcrFailure, StringComparison.Ordinal);

        // The same worker recognises the next document.
        var next = await UploadAsync(api, await ScannedPdf.OfPagesAsync(["Gooseberry telescope manual."]), "Telescope.pdf");
        await WaitForOcrAsync(api, next, "done");
        Assert.Equal(next, (await SingleHitAsync(api, "gooseberry")).Id);
        Assert.Equal(HttpStatusCode.OK, (await ocr.Http.GetAsync("/health", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task A_worker_killed_mid_page_leaves_the_command_to_the_next_worker_which_does_the_page_once()
    {
        var api = await _system.StartApiAsync();
        await _system.StartIndexerAsync();
        // At 300 dpi a full page of text takes tesseract seconds: time to kill the worker while it reads.
        var first = await _system.StartProcessAsync("Aithena.Ocr", ("Ocr:Dpi", "300"));

        var lines = string.Join('\n', Enumerable.Range(1, 50).Select(i => $"Line {i} of the quartermaster inventory of brass sextants."));
        var id = await UploadAsync(api, await ScannedPdf.OfPagesAsync([lines]), "Inventory.pdf");
        await Eventually.Until(() => first.Output.Contains("Recognising page 1 of", StringComparison.Ordinal), Timeout, "the worker to start on the page");
        first.Kill();
        await first.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("pending", (await api.Http.GetAsync<DocumentResponse>($"/v1/documents/{id}")).Ocr);

        var second = await _system.StartProcessAsync("Aithena.Ocr");
        var document = await WaitForOcrAsync(api, id, "done");
        Assert.Equal(1, document.OcrPages);
        Assert.Contains("redelivered: True", second.Output, StringComparison.Ordinal);
        var recognised = (first.Output + "\n" + second.Output).Split('\n').Count(line => line.Contains("Recognised page 1 of", StringComparison.Ordinal));
        Assert.Equal(1, recognised);
        var hit = await SingleHitAsync(api, "quartermaster");
        Assert.Equal(1, hit.Snippets[0].Page);
    }

    private async Task<(string, string?)[]> CatalogAsync(string engine)
    {
        if (engine != "postgres")
        {
            return [];
        }

        _postgres = await postgres.CreateDatabaseAsync();
        return [("ConnectionStrings:catalog", _postgres)];
    }

    private static async Task<string> UploadAsync(ServiceHost api, byte[] pdf, string name)
    {
        using var upload = await api.Http.UploadAsync(pdf, name);
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        return await upload.UploadIdAsync();
    }

    private static Task<DocumentResponse> WaitForOcrAsync(ServiceHost api, string id, string ocr) =>
        Eventually.Until(
            async () =>
            {
                using var response = await api.Http.GetAsync($"/v1/documents/{id}", TestContext.Current.CancellationToken);
                return response.IsSuccessStatusCode ? await response.ReadAsync<DocumentResponse>() : null;
            },
            document => document is { Ocr: var state } && (state == ocr || state == (ocr == "done" ? "failed" : "done")),
            Timeout,
            $"OCR of {id} to be {ocr}")
        .ContinueWith(t =>
        {
            var document = t.Result!;
            Assert.True(document.Ocr == ocr, $"OCR ended {document.Ocr}, not {ocr}: {document.OcrFailure}");
            return document;
        }, TaskScheduler.Default);

    private static async Task<SearchHit> SingleHitAsync(ServiceHost api, string word)
    {
        var results = await api.Http.GetAsync<SearchResponse>($"/v1/search?q={word}");
        Assert.Equal(1, results.Total);
        return results.Results[0];
    }

    private static async Task<string> PdfToTextAsync(byte[] pdf)
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(path, pdf);
            return await PdfToText.ReadAsync(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
