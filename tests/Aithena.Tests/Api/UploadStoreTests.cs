using Aithena.Api.Upload;
using Aithena.Catalog;
using Aithena.Contracts;
using Aithena.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Aithena.Tests.Api;

/// <summary>The upload store on a real catalog and folder, without a broker.</summary>
public sealed class UploadStoreTests : IAsyncLifetime
{
    private readonly TestLibrary _library = new();
    private CatalogStore _catalogStore = null!;
    private IDocumentCatalog _catalog = null!;
    private UploadStore _store = null!;

    public async ValueTask InitializeAsync()
    {
        _catalogStore = await CatalogStore.OpenMigratedAsync(_library.CatalogConnectionString);
        _catalog = _catalogStore.Documents;
        _store = new UploadStore(Options.Create(new LibraryOptions { Path = _library.LibraryPath }), _catalog, TimeProvider.System);
    }

    public async ValueTask DisposeAsync()
    {
        await _catalogStore.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _library.Dispose();
    }

    [Fact]
    public async Task A_move_that_fails_leaves_no_queued_record_behind()
    {
        // The received file is gone before it could be moved in (any I/O failure of the move looks the same to the store).
        var missing = Path.Combine(_library.LibraryPath, LibraryOptions.IncomingFolder, "vanished.part");
        var file = new ReceivedFile(missing, "report.pdf", 1234, "hash-of-report", DateTimeOffset.UtcNow);

        await Assert.ThrowsAnyAsync<IOException>(() => _store.StoreAsync(file, "librarian", TestContext.Current.CancellationToken));

        Assert.Null(await _catalog.FindAsync(DocumentIds.FromPath("uploads/report.pdf"), TestContext.Current.CancellationToken));
        Assert.Null(await _catalog.FindByContentAsync("hash-of-report", TestContext.Current.CancellationToken));
        Assert.Empty(_library.AllFiles());
    }
}
