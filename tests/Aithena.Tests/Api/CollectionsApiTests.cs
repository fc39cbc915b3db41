using System.Net;
using Aithena.Api.Collections;
using Aithena.Api.Documents;
using Aithena.Tests.Infrastructure;
using static Aithena.Tests.Infrastructure.Accounts;

namespace Aithena.Tests.Api;

/// <summary>
/// Collections and tags through the real Api with sign-in required: readers see them and are refused every change
/// (403 problem+json); a librarian makes them, fills them and meets clear problems for clashes, bad names and unknown ids.
/// </summary>
public sealed class CollectionsApiTests(SharedBroker shared) : IAsyncLifetime
{
    private TestSystem _system = null!;
    private HttpClient _http = null!;
    private string _librarian = "";
    private string _reader = "";

    public async ValueTask InitializeAsync()
    {
        _system = await TestSystem.CreateAsync(shared.Broker);
        _http = (await _system.StartApiAsync(SignInRequired())).Http;
        var admin = (await _http.SignInAsync("admin", AdminPassword)).AccessToken;
        await _http.CreateUserAsync(admin, "libby", "libby-shelves-books", "librarian");
        await _http.CreateUserAsync(admin, "rita", "rita-reads-a-lot", "reader");
        _librarian = (await _http.SignInAsync("libby", "libby-shelves-books")).AccessToken;
        _reader = (await _http.SignInAsync("rita", "rita-reads-a-lot")).AccessToken;
    }

    public ValueTask DisposeAsync() => _system.DisposeAsync();

    private async Task<HttpResponseMessage> SendAsync(string token, HttpMethod method, string path, object? json = null)
    {
        using var request = As(token, method, path, json);
        return await _http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private async Task<string> UploadAsync(string name)
    {
        using var request = As(_librarian, HttpMethod.Post, "/v1/upload");
        request.Content = Uploads.Form(TestPdf.WithPages($"{name} {Guid.NewGuid()}"), name);
        using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await response.UploadIdAsync();
    }

    [Fact]
    public async Task A_reader_sees_collections_and_tags_but_every_change_is_refused_with_403()
    {
        using var created = await SendAsync(_librarian, HttpMethod.Post, "/v1/collections", new CollectionRequest("Seminar", "Week one"));
        var seminar = await created.ReadAsync<CollectionResponse>();
        var document = await UploadAsync("reader.pdf");

        Assert.Equal(["Seminar"], (await ListAsync(_reader, "/v1/collections")).Select(c => c.Name));
        using var get = await SendAsync(_reader, HttpMethod.Get, $"/v1/collections/{seminar.Id}");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);

        (HttpMethod, string, object?)[] changes =
        [
            (HttpMethod.Post, "/v1/collections", new CollectionRequest("Mine")),
            (HttpMethod.Put, $"/v1/collections/{seminar.Id}", new CollectionRequest("Renamed")),
            (HttpMethod.Delete, $"/v1/collections/{seminar.Id}", null),
            (HttpMethod.Put, $"/v1/collections/{seminar.Id}/documents/{document}", null),
            (HttpMethod.Delete, $"/v1/collections/{seminar.Id}/documents/{document}", null),
            (HttpMethod.Post, "/v1/tags", new CollectionRequest("mine")),
        ];
        foreach (var (method, path, body) in changes)
        {
            using var refused = await SendAsync(_reader, method, path, body);
            await refused.AssertProblemAsync(403);
        }

        var unchanged = Assert.Single(await ListAsync(_reader, "/v1/collections"));
        Assert.Equal(("Seminar", 0), (unchanged.Name, unchanged.Documents));
        Assert.Empty(await ListAsync(_reader, "/v1/tags"));
    }

    [Fact]
    public async Task A_librarian_makes_a_collection_and_a_tag_fills_them_renames_and_deletes()
    {
        var document = await UploadAsync("librarian.pdf");
        using var created = await SendAsync(_librarian, HttpMethod.Post, "/v1/collections", new CollectionRequest("  Reading list ", "For the course"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var reading = await created.ReadAsync<CollectionResponse>();
        Assert.Equal(("collection", "Reading list", "For the course"), (reading.Kind, reading.Name, reading.Description));
        Assert.Equal($"/v1/collections/{reading.Id}", created.Headers.Location?.OriginalString);
        using var tagged = await SendAsync(_librarian, HttpMethod.Post, "/v1/tags", new CollectionRequest("physics"));
        var physics = await tagged.ReadAsync<CollectionResponse>();

        using (var added = await SendAsync(_librarian, HttpMethod.Put, $"/v1/collections/{reading.Id}/documents/{document}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, added.StatusCode);
        }

        using (var again = await SendAsync(_librarian, HttpMethod.Put, $"/v1/collections/{reading.Id}/documents/{document}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        }

        using (var tag = await SendAsync(_librarian, HttpMethod.Put, $"/v1/tags/{physics.Id}/documents/{document}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, tag.StatusCode);
        }

        var of = await _http.GetWithAsync<DocumentCollections>(_reader, $"/v1/documents/{document}/collections");
        Assert.Equal([new CollectionLink(reading.Id, "Reading list")], of.Collections);
        Assert.Equal([new CollectionLink(physics.Id, "physics")], of.Tags);
        var documents = await _http.GetWithAsync<DocumentPage>(_reader, $"/v1/collections/{reading.Id}/documents");
        Assert.Equal([document], documents.Items.Select(d => d.Id));

        using (var renamed = await SendAsync(_librarian, HttpMethod.Put, $"/v1/collections/{reading.Id}", new CollectionRequest("Course 101")))
        {
            Assert.Equal("Course 101", (await renamed.ReadAsync<CollectionResponse>()).Name);
        }

        using (var taken = await SendAsync(_librarian, HttpMethod.Post, "/v1/collections", new CollectionRequest("COURSE 101")))
        {
            Assert.Contains("exists already", (await taken.AssertProblemAsync(409)).Detail, StringComparison.Ordinal);
        }

        using (var removed = await SendAsync(_librarian, HttpMethod.Delete, $"/v1/collections/{reading.Id}/documents/{document}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }

        using (var deleted = await SendAsync(_librarian, HttpMethod.Delete, $"/v1/collections/{reading.Id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        Assert.Empty(await ListAsync(_reader, "/v1/collections"));
        Assert.Equal(1, Assert.Single(await ListAsync(_reader, "/v1/tags")).Documents);
    }

    [Fact]
    public async Task Bad_names_unknown_ids_and_the_other_kinds_ids_get_clear_problems()
    {
        var document = await UploadAsync("problems.pdf");
        using var tagged = await SendAsync(_librarian, HttpMethod.Post, "/v1/tags", new CollectionRequest("draft"));
        var tag = await tagged.ReadAsync<CollectionResponse>();
        const string unknown = "0123456789abcdef0123456789abcdef";

        using (var empty = await SendAsync(_librarian, HttpMethod.Post, "/v1/collections", new CollectionRequest("   ")))
        {
            Assert.Contains("needs a name", (await empty.AssertProblemAsync(400)).Detail, StringComparison.Ordinal);
        }

        using (var tooLong = await SendAsync(_librarian, HttpMethod.Post, "/v1/collections", new CollectionRequest(new string('x', 101))))
        {
            Assert.Contains("at most 100 characters", (await tooLong.AssertProblemAsync(400)).Detail, StringComparison.Ordinal);
        }

        using (var missing = await SendAsync(_librarian, HttpMethod.Get, $"/v1/collections/{unknown}"))
        {
            await missing.AssertProblemAsync(404);
        }

        // A tag's id is no collection's.
        using (var otherKind = await SendAsync(_librarian, HttpMethod.Put, $"/v1/collections/{tag.Id}/documents/{document}"))
        {
            await otherKind.AssertProblemAsync(404);
        }

        using (var noDocument = await SendAsync(_librarian, HttpMethod.Put, $"/v1/tags/{tag.Id}/documents/{unknown}"))
        {
            Assert.Contains("No document", (await noDocument.AssertProblemAsync(404)).Detail, StringComparison.Ordinal);
        }

        using (var badFilter = await SendAsync(_reader, HttpMethod.Get, "/v1/search?collection=not-an-id"))
        {
            await badFilter.AssertProblemAsync(400);
        }

        using var filtered = await SendAsync(_reader, HttpMethod.Get, $"/v1/search?tag={tag.Id}");
        Assert.Equal(HttpStatusCode.OK, filtered.StatusCode);
    }

    private Task<List<CollectionResponse>> ListAsync(string token, string path) => _http.GetWithAsync<List<CollectionResponse>>(token, path);
}
