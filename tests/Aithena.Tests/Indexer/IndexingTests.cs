using System.Net;
using System.Text.Json;
using Aithena.Catalog;
using Aithena.Contracts;
using Aithena.Tests.Infrastructure;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Aithena.Tests.Indexer;

/// <summary>The Api and the Indexer on a real broker: a queued PDF becomes searchable, bad ones fail with a reason.</summary>
public sealed class IndexingTests(SharedBroker shared) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private TestSystem _system = null!;
    private ServiceHost _api = null!;
    private ServiceHost _indexer = null!;

    private PrivateBroker Broker => shared.Broker;
    private string _vhost => _system.VirtualHost;
    private TestLibrary _library => _system.Library;
    private HttpClient Http => _api.Http;

    public async ValueTask InitializeAsync()
    {
        _system = await TestSystem.CreateAsync(shared.Broker);
        _api = await _system.StartApiAsync(("Indexer:MaxPages", "5"));
        _indexer = await _system.StartIndexerAsync(("Indexer:MaxPages", "5"));
    }

    public ValueTask DisposeAsync() => _system.DisposeAsync();

    private async Task<string> UploadAsync(byte[] pdf, string name)
    {
        using var response = await Http.UploadAsync(pdf, name);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await response.UploadIdAsync();
    }

    [Fact]
    public async Task An_uploaded_pdf_is_indexed_and_found_by_a_word_on_its_second_page()
    {
        var id = await UploadAsync(TestPdf.WithPages("An introduction to nothing much.", "Here the zeppelin finally lands."),
            "Ursula Le Guin - The Dispossessed (1974).pdf");

        var document = await Http.WaitForStatusAsync(id, Timeout, "indexed");
        Assert.Equal("The Dispossessed", document.Title);
        Assert.Equal("Ursula Le Guin", document.Author);
        Assert.Equal(1974, document.Year);
        Assert.Equal(2, document.PageCount);

        var results = await Http.GetAsync<SearchResponse>("/v1/search?q=zeppelin");
        Assert.Equal(1, results.Total);
        var hit = results.Results[0];
        Assert.Equal(id, hit.Id);
        var snippet = hit.Snippets[0];
        Assert.Equal(2, snippet.Page);
        Assert.Contains("<mark>zeppelin</mark>", snippet.Text, StringComparison.Ordinal);
        var authors = results.Facets.Author;
        Assert.Equal("Ursula Le Guin", authors[0].Value);
        Assert.Equal(1, authors[0].Count);
    }

    [Fact]
    public async Task Corrupt_encrypted_oversized_and_missing_files_fail_with_a_reason_and_the_queue_keeps_moving()
    {
        var corrupt = await UploadAsync(TestPdf.Truncated(), "corrupt.pdf");
        var encrypted = await UploadAsync(TestPdf.Encrypted(), "encrypted.pdf");
        var huge = await UploadAsync(TestPdf.WithPages("1", "2", "3", "4", "5", "6"), "six pages.pdf");
        var missing = await QueueMissingFileAsync("uploads/vanished.pdf");
        var good = await UploadAsync(TestPdf.WithPages("still works"), "good.pdf");

        Assert.Contains("corrupt", (await Http.WaitForStatusAsync(corrupt, Timeout, "failed")).FailureReason);
        Assert.Contains("encrypted", (await Http.WaitForStatusAsync(encrypted, Timeout, "failed")).FailureReason);
        Assert.Contains("6 pages", (await Http.WaitForStatusAsync(huge, Timeout, "failed")).FailureReason);
        Assert.Contains("not in the library", (await Http.WaitForStatusAsync(missing, Timeout, "failed")).FailureReason);
        await Http.WaitForStatusAsync(good, Timeout, "indexed");

        var errors = await Eventually.Until(() => Broker.PeekAsync(_vhost, QueueNames.IndexDocument + "_error"), m => m.Count == 4, Timeout, "four messages in the error queue");
        Assert.All(errors, e => Assert.Contains("PermanentIndexingException", e.Header("MT-Fault-ExceptionType")));
        Assert.Contains(errors, e => e.Header("MT-Fault-Message")!.Contains("encrypted", StringComparison.Ordinal));
        // Permanent faults are not retried: one attempt each.
        Assert.Equal(4, _indexer.Logs.Lines().Count(l => l.Contains("failed for good", StringComparison.Ordinal)));
        Assert.DoesNotContain(_indexer.Logs.Lines(), l => l.Contains("will retry", StringComparison.Ordinal));
    }

    /// <summary>A document the catalog knows as queued whose file is not there, queued through the Api's own bus.</summary>
    private async Task<string> QueueMissingFileAsync(string path)
    {
        var id = DocumentIds.FromPath(path);
        await _api.Services.GetRequiredService<IDocumentCatalog>().MarkQueuedAsync(new QueuedFile(id, path, 1, DateTimeOffset.UtcNow, null, DocumentSource.Lister, DateTimeOffset.UtcNow));
        await SendAsync(new IndexDocument(id, path, DocumentSource.Lister, 1, DateTimeOffset.UtcNow));
        return id;
    }

    private async Task SendAsync<T>(T command) where T : class
    {
        var bus = _api.Services.GetRequiredService<IBus>();
        var address = command is RemoveDocument ? QueueNames.RemoveDocumentAddress : QueueNames.IndexDocumentAddress;
        await (await bus.GetSendEndpoint(address)).Send(command, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task The_same_message_delivered_twice_leaves_one_document_and_no_duplicate_rows()
    {
        var id = await UploadAsync(TestPdf.WithPages("first", "second", "third"), "thrice.pdf");
        await Http.WaitForStatusAsync(id, Timeout, "indexed");

        var again = new IndexDocument(id, "uploads/thrice.pdf", DocumentSource.Upload, 0, DateTimeOffset.UtcNow);
        await SendAsync(again);
        await SendAsync(again);
        await Eventually.Until(() => _indexer.Logs.Lines().Count(l => l.Contains("Indexed uploads/thrice.pdf", StringComparison.Ordinal)) == 3, Timeout, "three indexings");

        var catalog = _api.Services.GetRequiredService<IDocumentCatalog>();
        Assert.Equal(3, await catalog.CountPagesAsync(id));
        var (items, total) = await catalog.ListAsync(null, 1, 100);
        Assert.Equal(1, total);
        Assert.Equal(1, (await Http.GetAsync<SearchResponse>("/v1/search?q=second")).Total);
    }

    [Fact]
    public async Task A_message_for_a_file_that_was_never_stored_is_acknowledged_without_a_failure_record()
    {
        // What a 502 upload leaves if its message reached the queue after the Api gave up: no file, no record.
        var id = DocumentIds.FromPath("uploads/ghost.pdf");
        await SendAsync(new IndexDocument(id, "uploads/ghost.pdf", DocumentSource.Upload, 1, DateTimeOffset.UtcNow));
        var marker = await UploadAsync(TestPdf.WithPages("after the ghost"), "after.pdf");
        await Http.WaitForStatusAsync(marker, Timeout, "indexed");

        using var response = await Http.GetAsync($"/v1/documents/{id}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await Broker.PeekAsync(_vhost, QueueNames.IndexDocument + "_error"));
    }

    [Fact]
    public async Task A_removed_document_leaves_search_and_reads_removed()
    {
        var id = await UploadAsync(TestPdf.WithPages("ephemeral words"), "ephemeral.pdf");
        await Http.WaitForStatusAsync(id, Timeout, "indexed");
        File.Delete(Path.Combine(_library.UploadsPath, "ephemeral.pdf"));

        await SendAsync(new RemoveDocument(id, "uploads/ephemeral.pdf", DateTimeOffset.UtcNow));

        await Http.WaitForStatusAsync(id, Timeout, "removed");
        Assert.Equal(0, (await Http.GetAsync<SearchResponse>("/v1/search?q=ephemeral")).Total);
        using var file = await Http.GetAsync($"/v1/documents/{id}/file", TestContext.Current.CancellationToken);
        await file.AssertProblemAsync(404);
    }

    [Fact]
    public async Task The_indexer_consumes_with_prefetch_one_and_declares_quorum_queues()
    {
        var consumers = await Broker.ConsumersAsync(_vhost);
        // Not embed-document: the Embedder consumes that.
        Assert.Equal(new[] { QueueNames.IndexDocument, QueueNames.IndexDocumentCrashed, QueueNames.RemoveDocument }.Order(),
            consumers.Select(c => c.Queue).Order());
        Assert.All(consumers, c => Assert.Equal(1, c.Prefetch));

        var queues = (await Broker.QueuesAsync(_vhost)).ToDictionary(q => q.Name);
        Assert.Equal("quorum", queues[QueueNames.IndexDocument].Type);
        Assert.Equal("quorum", queues[QueueNames.RemoveDocument].Type);
        Assert.Equal("quorum", queues[QueueNames.IndexDocumentCrashed].Type);
        // The crash-loop policy of scripts/broker.sh holds index-document only (from rabbitmqctl: the management API's list lags).
        var policies = (await Broker.CtlAsync("list_queues", "-p", _vhost, "name", "policy")).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t')).Where(parts => parts.Length == 2).ToDictionary(parts => parts[0], parts => parts[1]);
        Assert.Equal("aithena-index-document", policies[QueueNames.IndexDocument]);
        Assert.NotEqual("aithena-index-document", policies[QueueNames.RemoveDocument]);
    }

    [Fact]
    public async Task Pages_without_a_text_layer_are_counted_so_a_scan_is_not_indexed_silently_empty()
    {
        var scan = await UploadAsync(TestPdf.WithPages("a cover page with words", "", ""), "mostly scanned.pdf");
        var text = await UploadAsync(TestPdf.WithPages("words on every page", "and here"), "all text.pdf");

        var scanned = await Http.WaitForStatusAsync(scan, Timeout, "indexed");
        Assert.Equal(3, scanned.PageCount);
        Assert.Equal(2, scanned.TextlessPages);
        Assert.Equal("a cover page with words".Length, scanned.TextLength);
        Assert.Equal(0, (await Http.WaitForStatusAsync(text, Timeout, "indexed")).TextlessPages);
        Assert.Contains(_indexer.Logs.Lines(), l => l.Contains("uploads/mostly scanned.pdf: 2 of 3 pages have no text layer", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_pdf_itself_is_served_with_range_requests()
    {
        var pdf = TestPdf.WithPages("downloadable");
        var id = await UploadAsync(pdf, "download.pdf");

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/documents/{id}/file");
        request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(0, 4);
        using var response = await Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("%PDF-"u8.ToArray(), await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal(pdf.Length, response.Content.Headers.ContentRange?.Length);
    }

    [Fact]
    public async Task Documents_list_pages_and_filters_by_status()
    {
        var good = await UploadAsync(TestPdf.WithPages("listed"), "listed.pdf");
        var bad = await UploadAsync(TestPdf.Truncated(), "broken.pdf");
        await Http.WaitForStatusAsync(good, Timeout, "indexed");
        await Http.WaitForStatusAsync(bad, Timeout, "failed");

        var failed = await Http.GetAsync<DocumentPage>("/v1/documents?status=failed");
        Assert.Equal(1, failed.Total);
        Assert.Equal(bad, failed.Items[0].Id);
        var firstPage = await Http.GetAsync<DocumentPage>("/v1/documents?pageSize=1");
        Assert.Equal((2, 1), (firstPage.Total, firstPage.Items.Count));

        using var unknown = await Http.GetAsync("/v1/documents?status=lost", TestContext.Current.CancellationToken);
        await unknown.AssertProblemAsync(400);
        using var tooBig = await Http.GetAsync("/v1/documents?pageSize=101", TestContext.Current.CancellationToken);
        await tooBig.AssertProblemAsync(400);
    }

    [Fact]
    public async Task An_unknown_document_is_a_404_problem()
    {
        using var response = await Http.GetAsync($"/v1/documents/{new string('0', 32)}", TestContext.Current.CancellationToken);
        await response.AssertProblemAsync(404);
        using var junk = await Http.GetAsync("/v1/documents/..%2F..%2Fetc%2Fpasswd", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, junk.StatusCode);
    }

    public static TheoryData<string> HostileQueries() =>
    [
        "\"", "*", "\"unbalanced phrase", "foo AND", "OR", "NOT", "NEAR(a b)", "'; DROP TABLE documents; --",
        "a\"b", "(((", ")", "title:foo", "^start", "{a b}", "col:*", "\u0000", "-", "robert'); DELETE FROM pages;--",
    ];

    [Theory]
    [MemberData(nameof(HostileQueries))]
    public async Task Search_text_with_fts_syntax_or_sql_gives_results_or_a_400_never_a_500(string query)
    {
        var id = await UploadAsync(TestPdf.WithPages("robert tables survive"), $"survivor-{Guid.NewGuid():N}.pdf");
        await Http.WaitForStatusAsync(id, Timeout, "indexed");

        using var response = await Http.GetAsync($"/v1/search?q={Uri.EscapeDataString(query)}", TestContext.Current.CancellationToken);

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{query} gave {(int)response.StatusCode}");
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            await response.AssertProblemAsync(400);
        }

        Assert.Equal(1, (await Http.GetAsync<SearchResponse>("/v1/search?q=survive")).Total);
    }

    [Fact]
    public async Task Bad_search_parameters_are_400_problems()
    {
        foreach (var query in new[] { "sort=size", "sort=1", "page=0", "pageSize=0", "pageSize=500" })
        {
            using var response = await Http.GetAsync($"/v1/search?q=x&{query}", TestContext.Current.CancellationToken);
            await response.AssertProblemAsync(400);
        }
    }

    [Fact]
    public async Task The_api_describes_itself_with_openapi_and_a_reference_page()
    {
        var openApi = await Http.GetAsync<JsonElement>("/openapi/v1.json");
        var paths = openApi.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/v1/upload", paths);
        Assert.Contains("/v1/search", paths);
        Assert.Contains("/v1/documents/{id}", paths);

        using var page = await Http.GetAsync("/scalar/v1", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_indexer_reports_bus_and_catalog_health()
    {
        var health = await _indexer.Http.GetAsync<HealthDetailResponse>("/health/detail");
        Assert.Equal("Healthy", health.Status);
        Assert.True(health.Checks.ContainsKey("masstransit-bus"));
        Assert.True(health.Checks.ContainsKey("catalog"));
        Assert.Equal("Healthy", (await _indexer.Http.GetAsync<HealthStatusResponse>("/alive")).Status);
    }
}
