using System.Net;
using Aithena.Tests.Infrastructure;

namespace Aithena.Tests.Processes;

/// <summary>
/// The deployment the manifest describes, on one machine: two Api processes and an Indexer process sharing one PostgreSQL
/// catalog (<c>ConnectionStrings__catalog=Host=...</c>) and no SQLite file anywhere.
/// </summary>
public sealed class PostgresCatalogProcessTests(SharedBroker shared, SharedPostgres postgres) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private TestSystem _system = null!;
    private string _catalog = "";

    public async ValueTask InitializeAsync()
    {
        _system = await TestSystem.CreateAsync(shared.Broker);
        _catalog = await postgres.CreateDatabaseAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _system.DisposeAsync();
        await postgres.DropDatabaseAsync(_catalog);
    }

    [Fact]
    public async Task Two_apis_and_an_indexer_share_one_postgres_catalog_with_no_sqlite_file()
    {
        var catalog = ("ConnectionStrings:catalog", (string?)_catalog);
        var first = await _system.StartProcessAsync("Aithena.Api", catalog);
        var second = await _system.StartProcessAsync("Aithena.Api", catalog);
        await _system.StartProcessAsync("Aithena.Indexer", catalog);

        using var upload = await first.Http.UploadAsync(TestPdf.WithPages("A first page.", "The quokka smiles on page two."), "Field Guide - Marsupials (2001).pdf");
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        var id = await upload.UploadIdAsync();

        await second.Http.WaitForStatusAsync(id, Timeout, "indexed");
        var results = await second.Http.GetAsync<SearchResponse>("/v1/search?q=quokka");
        Assert.Equal(1, results.Total);
        Assert.True(results.TotalIsExact);
        var hit = results.Results[0];
        Assert.Equal(id, hit.Id);
        Assert.Equal(2, hit.Snippets[0].Page);
        Assert.Contains("<mark>quokka</mark>", hit.Snippets[0].Text, StringComparison.Ordinal);

        var detail = await first.Http.GetAsync<HealthDetailResponse>("/health/detail");
        var checks = detail.Checks;
        Assert.Equal("Postgres", checks["catalog"].Data["engine"].ToString());
        // Aspire's Npgsql integration adds its own readiness check of the server.
        Assert.Contains(checks, c => c.Key.Contains("postgres", StringComparison.OrdinalIgnoreCase) && c.Value.Status == "Healthy");
        Assert.Empty(Directory.EnumerateFiles(_system.Library.Root, "*.db*", SearchOption.AllDirectories));
    }
}
