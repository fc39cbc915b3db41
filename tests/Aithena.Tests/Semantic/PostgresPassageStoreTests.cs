using Aithena.Catalog;
using Aithena.Semantic.Passages;
using Aithena.Tests.Infrastructure;
using Npgsql;

namespace Aithena.Tests.Semantic;

/// <summary>The passage store on PostgreSQL (<c>Host=...</c>): a database of its own per test on the shared private server.</summary>
public sealed class PostgresPassageStoreTests(SharedPostgres postgres) : PassageStoreTests
{
    private string _connectionString = "";
    private NpgsqlDataSource? _dataSource;

    protected override async Task<(IDocumentCatalog Catalog, IPassageStore Store)> OpenAsync()
    {
        _connectionString = await postgres.CreateDatabaseAsync();
        _dataSource = NpgsqlDataSource.Create(_connectionString);
        await new PostgresCatalogSchema(_dataSource).MigrateAsync();
        return (new PostgresDocumentCatalog(_dataSource, TimeProvider.System), new PostgresPassageStore(_dataSource, TimeProvider.System));
    }

    protected override async ValueTask CloseAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
            await postgres.DropDatabaseAsync(_connectionString);
        }
    }

    [Fact]
    public async Task Vectors_are_bytea_of_one_byte_per_dimension_and_versions_come_from_a_sequence()
    {
        await using var command = _dataSource!.CreateCommand(
            """
            SELECT (SELECT data_type FROM information_schema.columns WHERE table_name = 'passages' AND column_name = 'vector'),
                   (SELECT COUNT(*) FROM pg_sequences WHERE sequencename = 'embeddings_version')
            """);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken));
        Assert.Equal("bytea", reader.GetString(0));
        Assert.Equal(1, reader.GetInt64(1));
    }
}
