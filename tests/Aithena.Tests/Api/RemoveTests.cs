using System.Net;
using Aithena.Api.Documents;
using Aithena.Contracts;
using Aithena.Tests.Infrastructure;

namespace Aithena.Tests.Api;

/// <summary><c>DELETE /v1/documents/{id}</c>: a librarian takes a document out of the library, file and catalog entry.</summary>
public sealed class RemoveTests(SharedBroker shared) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private TestSystem _system = null!;

    public async ValueTask InitializeAsync() => _system = await TestSystem.CreateAsync(shared.Broker);

    public ValueTask DisposeAsync() => _system.DisposeAsync();

    [Fact]
    public async Task A_librarian_removes_a_document_its_file_goes_and_search_no_longer_finds_it_while_a_reader_may_not()
    {
        var api = await _system.StartApiAsync(Infrastructure.Accounts.SignInRequired());
        await _system.StartIndexerAsync();
        var admin = (await api.Http.SignInAsync("admin", Infrastructure.Accounts.AdminPassword)).AccessToken;
        await api.Http.CreateUserAsync(admin, "libby", "libby-files-books", "librarian");
        await api.Http.CreateUserAsync(admin, "rita", "rita-reads-a-lot", "reader");
        var librarian = (await api.Http.SignInAsync("libby", "libby-files-books")).AccessToken;
        var reader = (await api.Http.SignInAsync("rita", "rita-reads-a-lot")).AccessToken;
        var ct = TestContext.Current.CancellationToken;

        using var upload = new HttpRequestMessage(HttpMethod.Post, "/v1/upload") { Content = Uploads.Form(TestPdf.WithPages("the axolotl regrows its limbs"), "axolotl.pdf") };
        upload.Headers.Authorization = new("Bearer", librarian);
        var id = await (await api.Http.SendAsync(upload, ct)).UploadIdAsync();
        await Eventually.Until(() => StatusAsync(api, librarian, id), status => status == DocumentStatus.Indexed, Timeout, "the upload to be indexed");

        using (var refused = Infrastructure.Accounts.As(reader, HttpMethod.Delete, $"/v1/documents/{id}"))
        {
            await (await api.Http.SendAsync(refused, ct)).AssertProblemAsync(403);
        }

        using var remove = Infrastructure.Accounts.As(librarian, HttpMethod.Delete, $"/v1/documents/{id}");
        using var removing = await api.Http.SendAsync(remove, ct);

        Assert.Equal(HttpStatusCode.Accepted, removing.StatusCode);
        Assert.DoesNotContain("uploads/axolotl.pdf", _system.Library.AllFiles());
        await Eventually.Until(() => StatusAsync(api, librarian, id), status => status == DocumentStatus.Removed, Timeout, "the Indexer to remove it");
        // Its cover goes with it, just after the catalog says removed.
        await Eventually.Until(() => Task.FromResult(_system.Library.AllFiles()), files => files.Count == 0, Timeout, "the cover to be removed too");
        using var search = Infrastructure.Accounts.As(reader, HttpMethod.Get, "/v1/search?q=axolotl");
        Assert.Equal(0, (await (await api.Http.SendAsync(search, ct)).ReadAsync<Aithena.Semantic.Search.SearchResponse>()).Total);
        using var again = Infrastructure.Accounts.As(librarian, HttpMethod.Delete, $"/v1/documents/{id}");
        await (await api.Http.SendAsync(again, ct)).AssertProblemAsync(404);
    }

    private static async Task<string?> StatusAsync(ServiceHost api, string token, string id)
    {
        using var request = Infrastructure.Accounts.As(token, HttpMethod.Get, $"/v1/documents/{id}");
        using var response = await api.Http.SendAsync(request, TestContext.Current.CancellationToken);
        return response.IsSuccessStatusCode ? (await response.ReadAsync<DocumentResponse>()).Status : null;
    }
}
