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

    [Fact]
    public async Task A_pages_tsvector_stays_in_its_row_and_its_text_is_what_moves_out_when_the_row_is_too_long()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        // 'm' (main): compressed in the row, moved out only as a last resort; 'x' (extended): compressed, then moved out.
        await using var command = new NpgsqlCommand(
            "SELECT attname, attstorage::text FROM pg_attribute WHERE attrelid = 'pages'::regclass AND attname IN ('text', 'tsv') ORDER BY attname", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var storage = new Dictionary<string, string>();
        while (await reader.ReadAsync())
        {
            storage[reader.GetString(0)] = reader.GetString(1);
        }

        Assert.Equal("m", storage["tsv"]);
        Assert.Equal("x", storage["text"]);
    }
}
