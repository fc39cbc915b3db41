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
        _indexer = new DocumentIndexer(_catalog, new PdfPigTextExtractor(),
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
    public async Task A_named_pipe_is_refused_before_it_is_opened_and_never_waits_for_a_writer()
    {
        // This test once used a FIFO to hand the Indexer two versions of a file on two reads (proving one read gives
        // the hash and the text). A FIFO is now refused before it is opened (LibraryFileCheck): opening one waits
        // for a writer for ever, and stalled all indexing. The single read stays: DocumentIndexer reads once.
        var path = Path.Combine(_library.LibraryPath, "pipe.pdf");
        using (var mkfifo = Process.Start("mkfifo", [path]))
        {
            await mkfifo.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var command = new IndexDocument(DocumentIds.FromPath("pipe.pdf"), "pipe.pdf", DocumentSource.Lister, 0, DateTimeOffset.UtcNow);
        var refused = await Assert.ThrowsAsync<PermanentIndexingException>(() =>
            _indexer.IndexAsync(command, TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));

        Assert.Contains("not a regular file (it is a named pipe)", refused.Message, StringComparison.Ordinal);
    }
}
