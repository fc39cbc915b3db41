using Aithena.Catalog;
using Aithena.Semantic.Passages;
using Microsoft.Extensions.Options;

namespace Aithena.Tests.Semantic;

/// <summary>The passage store on SQLite files (<c>Data Source=...</c>).</summary>
public sealed class SqlitePassageStoreTests : PassageStoreTests
{
    private readonly TestLibrary _library = new();

    protected override async Task<(IDocumentCatalog Catalog, IPassageStore Store)> OpenAsync()
    {
        var database = new SqliteCatalogDatabase(Options.Create(new CatalogOptions { Catalog = _library.CatalogConnectionString }));
        await using (var connection = await database.OpenAsync())
        {
            await SqliteCatalogSchema.MigrateAsync(connection);
        }

        return (new SqliteDocumentCatalog(database, TimeProvider.System), new SqlitePassageStore(database, TimeProvider.System));
    }

    protected override ValueTask CloseAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _library.Dispose();
        return ValueTask.CompletedTask;
    }
}
