using Aithena.Api.Documents;
using Aithena.Contracts;
using Aithena.Semantic.Search;
using Aithena.Tests.Infrastructure;

namespace Aithena.Tests.Api;

/// <summary><c>PUT /v1/documents/{id}/metadata</c>: a librarian corrects a document's metadata; a reader may not.</summary>
public sealed class MetadataCorrectionApiTests(SharedBroker shared) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private TestSystem _system = null!;

    public async ValueTask InitializeAsync() => _system = await TestSystem.CreateAsync(shared.Broker);

    public ValueTask DisposeAsync() => _system.DisposeAsync();

    [Fact]
    public async Task A_reader_gets_403_while_a_librarians_correction_shows_in_the_document_and_in_search_facets()
    {
        var api = await _system.StartApiAsync(Infrastructure.Accounts.SignInRequired());
        await _system.StartIndexerAsync();
        var admin = (await api.Http.SignInAsync("admin", Infrastructure.Accounts.AdminPassword)).AccessToken;
        await api.Http.CreateUserAsync(admin, "libby", "libby-files-books", "librarian");
        await api.Http.CreateUserAsync(admin, "rita", "rita-reads-a-lot", "reader");
        var librarian = (await api.Http.SignInAsync("libby", "libby-files-books")).AccessToken;
        var reader = (await api.Http.SignInAsync("rita", "rita-reads-a-lot")).AccessToken;
        var ct = TestContext.Current.CancellationToken;
        using var upload = Infrastructure.Accounts.As(librarian, HttpMethod.Post, "/v1/upload");
        upload.Content = Uploads.Form(TestPdf.WithPages("the axolotl regrows its limbs"), "axolotl.pdf");
        var id = await (await api.Http.SendAsync(upload, ct)).UploadIdAsync();
        var extracted = await Eventually.Until(() => DocumentAsync(api, librarian, id), d => d?.Status == DocumentStatus.Indexed, Timeout, "the upload to be indexed");
        var correction = new MetadataFields(null, "Ambystoma Society", 1998, "Biology", null);

        using (var refused = Infrastructure.Accounts.As(reader, HttpMethod.Put, $"/v1/documents/{id}/metadata", correction))
        {
            await (await api.Http.SendAsync(refused, ct)).AssertProblemAsync(403);
        }

        Assert.Equal(extracted!.Author, (await DocumentAsync(api, reader, id))!.Author);
        using var put = Infrastructure.Accounts.As(librarian, HttpMethod.Put, $"/v1/documents/{id}/metadata", correction);
        using var answer = await api.Http.SendAsync(put, ct);
        var corrected = await answer.ReadAsync<DocumentResponse>();

        Assert.True(answer.IsSuccessStatusCode, $"{answer.StatusCode}");
        Assert.Equal(("Ambystoma Society", (int?)1998, "Biology", extracted.Title), (corrected.Author, corrected.Year, corrected.Category, corrected.Title));
        Assert.Equal(correction, corrected.Corrections!.Corrected);
        Assert.Equal(extracted.Author, corrected.Corrections.Extracted.Author);
        Assert.Equal("libby", corrected.Corrections.CorrectedBy);
        var seen = await DocumentAsync(api, reader, id);
        Assert.Equal("Ambystoma Society", seen!.Author);
        Assert.Equal("libby", seen.Corrections?.CorrectedBy);
        using var search = Infrastructure.Accounts.As(reader, HttpMethod.Get, "/v1/search?q=axolotl&author=ambystoma%20society");
        var results = await (await api.Http.SendAsync(search, ct)).ReadAsync<SearchResponse>();
        Assert.Equal([id], results.Results.Select(r => r.Id));
        Assert.Equal("Ambystoma Society", Assert.Single(results.Facets.Author).Value);
        Assert.Equal("1998", Assert.Single(results.Facets.Year).Value);

        using var clear = Infrastructure.Accounts.As(librarian, HttpMethod.Put, $"/v1/documents/{id}/metadata", new MetadataFields("", " ", null, "", null));
        var cleared = await (await api.Http.SendAsync(clear, ct)).ReadAsync<DocumentResponse>();
        Assert.Null(cleared.Corrections);
        Assert.Equal((extracted.Author, extracted.Year, extracted.Category), (cleared.Author, cleared.Year, cleared.Category));
    }

    [Theory]
    [InlineData("""{"year": 12345}""", "year must be between 1 and")]
    [InlineData("""{"year": 0}""", "year must be between 1 and")]
    [InlineData("""{"title": "one\nline"}""", "title must be one line")]
    [InlineData("""{"author": "{301 letters}"}""", "author can be at most 300 characters")]
    [InlineData("""{"year": "soon"}""", "")]
    public async Task An_invalid_correction_gets_a_400_problem_saying_what_is_wrong(string body, string says)
    {
        var api = await _system.StartApiAsync();
        using var request = new HttpRequestMessage(HttpMethod.Put, "/v1/documents/0123456789abcdef0123456789abcdef/metadata")
        {
            Content = new StringContent(body.Replace("{301 letters}", new string('A', 301), StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json"),
        };

        var problem = await (await api.Http.SendAsync(request, TestContext.Current.CancellationToken)).AssertProblemAsync(400);

        Assert.Contains(says, problem.Detail ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Correcting_a_document_the_library_does_not_have_gets_404()
    {
        var api = await _system.StartApiAsync();
        using var request = Infrastructure.Accounts.As(null, HttpMethod.Put, "/v1/documents/0123456789abcdef0123456789abcdef/metadata", new MetadataFields(null, "Someone", null, null, null));

        await (await api.Http.SendAsync(request, TestContext.Current.CancellationToken)).AssertProblemAsync(404);
    }

    private static async Task<DocumentResponse?> DocumentAsync(ServiceHost api, string token, string id)
    {
        using var request = Infrastructure.Accounts.As(token, HttpMethod.Get, $"/v1/documents/{id}");
        using var response = await api.Http.SendAsync(request, TestContext.Current.CancellationToken);
        return response.IsSuccessStatusCode ? await response.ReadAsync<DocumentResponse>() : null;
    }
}
