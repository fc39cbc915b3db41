using Aithena.Tests.Infrastructure;
using Npgsql;

namespace Aithena.Tests.Catalog;

/// <summary>The catalog's behaviour on PostgreSQL (<c>Host=...</c>): a database of its own per test on the shared private server.</summary>
public sealed class PostgresCatalogTests(SharedPostgres postgres) : CatalogTests
{
    protected override Task<string> CreateCatalogAsync() => postgres.CreateDatabaseAsync();

    protected override Task DeleteCatalogAsync(string connectionString) => postgres.DropDatabaseAsync(connectionString);

    [Fact]
    public async Task Each_page_has_its_own_tsvector_under_a_gin_index()
    {
        await Index("d1", "a.pdf", "A", null, null, null, "first page words", "second page words");

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT (SELECT COUNT(*) FROM pages WHERE tsv IS NOT NULL), (SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_pages_tsv')", connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(2, reader.GetInt64(0));
        Assert.Contains("USING gin (tsv)", reader.GetString(1), StringComparison.Ordinal);
    }
}
