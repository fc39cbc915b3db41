using Aithena.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Aithena.Tests.Catalog;

/// <summary>Corrected metadata on SQLite files.</summary>
public sealed class SqliteMetadataCorrectionTests : MetadataCorrectionTests
{
    private readonly TestLibrary _library = new();

    protected override Task<string> CreateCatalogAsync() => Task.FromResult(_library.CatalogConnectionString);

    protected override Task DeleteCatalogAsync(string connectionString)
    {
        SqliteConnection.ClearAllPools();
        _library.Dispose();
        return Task.CompletedTask;
    }
}
