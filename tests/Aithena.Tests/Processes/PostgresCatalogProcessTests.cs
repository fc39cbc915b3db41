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
        var id = (await upload.JsonAsync()).GetProperty("uploadId").GetString()!;

        await second.Http.WaitForStatusAsync(id, Timeout, "indexed");
        var results = await second.Http.GetJsonAsync("/v1/search?q=quokka");
        Assert.Equal(1, results.GetProperty("total").GetInt32());
        Assert.True(results.GetProperty("totalIsExact").GetBoolean());
        var hit = results.GetProperty("results")[0];
        Assert.Equal(id, hit.GetProperty("id").GetString());
        Assert.Equal(2, hit.GetProperty("snippets")[0].GetProperty("page").GetInt32());
        Assert.Contains("<mark>quokka</mark>", hit.GetProperty("snippets")[0].GetProperty("text").GetString(), StringComparison.Ordinal);

        var detail = await first.Http.GetJsonAsync("/health/detail");
        var checks = detail.GetProperty("checks");
        Assert.Equal("Postgres", checks.GetProperty("catalog").GetProperty("data").GetProperty("engine").GetString());
        // Aspire's Npgsql integration adds its own readiness check of the server.
        Assert.Contains(checks.EnumerateObject(), c => c.Name.Contains("postgres", StringComparison.OrdinalIgnoreCase) && c.Value.GetProperty("status").GetString() == "Healthy");
        Assert.Empty(Directory.EnumerateFiles(_system.Library.Root, "*.db*", SearchOption.AllDirectories));
    }
}
