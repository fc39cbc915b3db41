using Aithena.Catalog;
using Aithena.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Aithena.Tests.Catalog;

/// <summary>The catalog's behaviour on SQLite files (<c>Data Source=...</c>), and what only SQLite has.</summary>
public sealed class SqliteCatalogTests : CatalogTests
{
    private readonly List<TestLibrary> _libraries = [];

    protected override Task<string> CreateCatalogAsync()
    {
        var library = new TestLibrary();
        _libraries.Add(library);
        return Task.FromResult(library.CatalogConnectionString);
    }

    protected override Task DeleteCatalogAsync(string connectionString)
    {
        SqliteConnection.ClearAllPools();
        foreach (var library in _libraries)
        {
            library.Dispose();
        }

        _libraries.Clear();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_database_runs_in_wal_mode_so_readers_do_not_block_the_writer()
    {
        var database = new SqliteCatalogDatabase(Options.Create(new CatalogOptions { Catalog = ConnectionString }));
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Theory]
    [InlineData("Data Source=/tmp/catalog.db", CatalogEngine.Sqlite)]
    [InlineData("Host=db;Database=aithena;Username=a;Password=b", CatalogEngine.Postgres)]
    [InlineData("Server=db;Port=5432;Database=aithena", CatalogEngine.Postgres)]
    [InlineData(" host = 10.0.0.5 ; database=x", CatalogEngine.Postgres)]
    public void The_connection_string_names_the_engine(string connectionString, CatalogEngine engine) =>
        Assert.Equal(engine, CatalogEngines.Of(connectionString));
}
