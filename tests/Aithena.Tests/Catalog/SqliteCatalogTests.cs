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
    [InlineData("solar")]
    [InlineData("solar panels")]
    [InlineData("solar OR wind")]
    [InlineData("\"solar power\" -wind")]
    [InlineData("sol*")]
    public async Task The_rank_is_fts5s_own_bm25_while_every_phrase_is_on_fewer_pages_than_are_counted(string query)
    {
        await Index("a", "a.pdf", "A", null, null, null, "solar panels, solar power, solar cells", "wind and solar");
        await Index("b", "b.pdf", "B", null, null, null, "a page that says solar once among many other words about panels of wood");
        await Index("c", "c.pdf", "C", null, null, null, "wind power and solar power side by side", "nothing here");

        var scores = await RankedAsync(FtsQuery.Render(Parsed(query)));

        Assert.NotEmpty(scores);
        Assert.All(scores, s => Assert.Equal(s.Bm25, s.Rank, 1e-9));
    }

    [Fact]
    public async Task A_word_on_more_pages_than_are_counted_gets_its_page_count_estimated_from_how_far_its_first_matches_reached()
    {
        // "common" on every third page of 6,000 and on page 2: on 2,001, twice the pages counted exactly.
        var pages = Enumerable.Range(0, 6_000).Select(i => i % 3 == 0 ? $"common page {i}" : $"plain page {i}").ToArray();
        pages[1] = "common rare common";
        pages[4] = "rare";
        await Index("big", "big.pdf", "A", null, null, null, pages);

        var scores = await RankedAsync("common rare");

        // For a word spread evenly the estimate is close to the count, so the rank is within 1 % of FTS5's bm25, which
        // counts every page, and orders the pages as it does.
        Assert.Single(scores);
        Assert.All(scores, s => Assert.InRange(s.Rank / s.Bm25, 0.99, 1.01));
        var single = await RankedAsync("common");
        Assert.Equal(2_001, single.Count);
        Assert.Equal(single.OrderBy(s => s.Bm25).Select(s => s.Rowid), single.OrderBy(s => s.Rank).Select(s => s.Rowid));
    }

    private async Task<List<(long Rowid, double Bm25, double Rank)>> RankedAsync(string match)
    {
        var database = new SqliteCatalogDatabase(Options.Create(new CatalogOptions { Catalog = ConnectionString }));
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT rowid, bm25(pages_fts), {Fts5Rank.Name}(pages_fts, (SELECT MAX(id) FROM pages)) FROM pages_fts WHERE pages_fts MATCH $match";
        command.Parameters.AddWithValue("$match", match);
        var scores = new List<(long, double, double)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            scores.Add((reader.GetInt64(0), reader.GetDouble(1), reader.GetDouble(2)));
        }

        return scores;
    }

    private static SearchQuery Parsed(string query) =>
        SearchQuery.TryParse(query, out var parsed, out var error) ? parsed : throw new ArgumentException(error);

    [Theory]
    [InlineData("Data Source=/tmp/catalog.db", CatalogEngine.Sqlite)]
    [InlineData("Host=db;Database=aithena;Username=a;Password=b", CatalogEngine.Postgres)]
    [InlineData("Server=db;Port=5432;Database=aithena", CatalogEngine.Postgres)]
    [InlineData(" host = 10.0.0.5 ; database=x", CatalogEngine.Postgres)]
    public void The_connection_string_names_the_engine(string connectionString, CatalogEngine engine) =>
        Assert.Equal(engine, CatalogEngines.Of(connectionString));
}
