using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aithena.Api.Documents;
using Aithena.Api.Upload;
using Aithena.Catalog;
using Aithena.ServiceDefaults.Health;
using Aithena.Testing;
using Aspire.Hosting.Testing;

namespace Aithena.AppHost.Tests;

/// <summary>
/// `dotnet run` with <c>Aithena:Catalog=postgres</c> on a machine without a container engine: PostgreSQL as a supervised
/// executable resource, every service on it, and nothing left running after the stop.
/// </summary>
[TestCaseOrderer(typeof(StepOrderer))]
public sealed class PostgresAppHostTests(PostgresAppHostFixture app) : IClassFixture<PostgresAppHostFixture>
{
    private static readonly TimeSpan IndexingTimeout = TimeSpan.FromMinutes(2);

    [Fact, Step(1)]
    public async Task Postgres_and_every_service_become_healthy_on_the_postgres_catalog()
    {
        foreach (var resource in new[] { "postgres", "api", "indexer", "embedder", "lister" })
        {
            await app.WaitHealthyAsync(resource);
        }

        using var http = await app.AdminApiClientAsync();
        var body = await http.GetStringAsync("/health/detail");
        var detail = JsonSerializer.Deserialize<HealthDetailResponse>(body, JsonSerializerOptions.Web)!;
        Assert.Equal("Postgres", detail.Checks["catalog"].Data["engine"].ToString());
        Assert.DoesNotContain(app.PostgresPassword, body, StringComparison.Ordinal);
    }

    [Fact, Step(2)]
    public async Task An_upload_is_indexed_into_postgres_and_found_with_no_sqlite_file()
    {
        await app.WaitHealthyAsync("api");
        await app.WaitHealthyAsync("indexer");
        using var http = await app.AdminApiClientAsync();

        using var upload = await http.PostAsync("/v1/upload", AppHostTests.PdfForm(TestPdf.WithPages("Aspire on PostgreSQL", "a platypus on page two")));
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        var accepted = await upload.Content.ReadFromJsonAsync<UploadAccepted>();

        var document = await Eventually.Until(
            () => http.GetFromJsonAsync<DocumentResponse>($"/v1/documents/{accepted!.UploadId}"),
            d => d?.Status is "indexed" or "failed", IndexingTimeout, "the uploaded document to be indexed");
        Assert.Equal("indexed", document!.Status);
        var found = await http.GetFromJsonAsync<SearchResults>("/v1/search?q=platypus");
        Assert.Equal(accepted!.UploadId, Assert.Single(found!.Results).Id);
        Assert.Empty(Directory.EnumerateFiles(app.Root, "*.db*", SearchOption.AllDirectories));
    }

    [Fact, Step(3)]
    public async Task Stopping_the_apphost_stops_postgres_and_leaves_no_process()
    {
        await app.WaitHealthyAsync("postgres");
        Assert.NotEmpty(LeftoverProcesses.Find(app.PostgresDirectory, app.AppHostProcessId));

        await app.StopAsync();

        await Eventually.Until(
            () => Task.FromResult(LeftoverProcesses.Find(app.PostgresDirectory, app.AppHostProcessId).Concat(LeftoverProcesses.Find(app.Root, app.AppHostProcessId)).ToList()),
            left => left.Count == 0, TimeSpan.FromSeconds(60), "every process of the app, PostgreSQL included, to exit");
    }
}
