using System.Diagnostics;
using System.Security.Cryptography;
using Aithena.Catalog;
using Aithena.Contracts;
using Aithena.Indexer.Indexing;
using Aithena.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Aithena.Tests.Indexer;

/// <summary>The document indexer on a real catalog and folder, without a broker.</summary>
public sealed class DocumentIndexerTests : IAsyncLifetime
{
    private readonly TestLibrary _library = new();
    private CatalogStore _catalogStore = null!;
    private IDocumentCatalog _catalog = null!;
    private ICatalogSearch _search = null!;
    private DocumentIndexer _indexer = null!;

    public async ValueTask InitializeAsync()
    {
        _catalogStore = await CatalogStore.OpenMigratedAsync(_library.CatalogConnectionString);
        _catalog = _catalogStore.Documents;
        _search = _catalogStore.Search;
        _indexer = new DocumentIndexer(_catalog, new PdfTextExtractor(),
            Options.Create(new LibraryOptions { Path = _library.LibraryPath }), Options.Create(new IndexerOptions()),
            new LoggingTextlessDocumentHandler(Microsoft.Extensions.Logging.Abstractions.NullLogger<LoggingTextlessDocumentHandler>.Instance),
            Options.Create(new OcrRequestOptions()),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<DocumentIndexer>.Instance);
    }

    public async ValueTask DisposeAsync()
    {
        await _catalogStore.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _library.Dispose();
    }

    [Fact]
    public async Task The_hash_and_the_text_come_from_one_read_of_the_file()
    {
        // A FIFO gives each read whatever its writer wrote for that open: first one version of the document, then
        // another. A file that changes between two reads looks exactly like this; reading once cannot tell.
        var first = TestPdf.WithPages("alpha version of the report");
        var second = TestPdf.WithPages("bravo version of the report");
        var path = Path.Combine(_library.LibraryPath, "changing.pdf");
        using (var mkfifo = Process.Start("mkfifo", [path]))
        {
            await mkfifo.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.Equal(0, mkfifo.ExitCode);
        }

        using var stop = new CancellationTokenSource();
        var writer = Task.Factory.StartNew(() =>
        {
            foreach (var version in new[] { first, second })
            {
                if (version == second)
                {
                    // Reopened at once, the FIFO could still have the first reader, which would read on into the second version.
                    Thread.Sleep(TimeSpan.FromSeconds(1));
                }

                using (var fifo = new FileStream(path, FileMode.Open, FileAccess.Write)) // blocks until a reader opens it
                {
                    if (stop.IsCancellationRequested)
                    {
                        return;
                    }

                    fifo.Write(version);
                }
            }
        }, TaskCreationOptions.LongRunning);

        try
        {
            var command = new IndexDocument(DocumentIds.FromPath("changing.pdf"), "changing.pdf", DocumentSource.Lister, first.Length, DateTimeOffset.UtcNow);
            await _indexer.IndexAsync(command, TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

            var record = await _catalog.FindAsync(command.DocumentId, TestContext.Current.CancellationToken);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(first)), record!.ContentHash);
            Assert.Equal(1, (await _search.SearchAsync(new SearchRequest("alpha"), TestContext.Current.CancellationToken)).Total);
            Assert.Equal(0, (await _search.SearchAsync(new SearchRequest("bravo"), TestContext.Current.CancellationToken)).Total);
            Assert.Equal(first.Length, record.Size);
        }
        finally
        {
            // Release a writer still waiting to hand over the second version.
            await stop.CancelAsync();
            // Opening a FIFO for reading and writing never blocks on Linux, and lets a writer blocked in its open go on.
            await using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite))
            {
                await writer.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
            }
        }
    }
}
