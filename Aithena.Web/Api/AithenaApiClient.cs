using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Aithena.Api.Accounts;
using Aithena.Api.Collections;
using Aithena.Web.Accounts;
using Aithena.Api.Documents;
using Aithena.Api.Upload;
using Aithena.Catalog;
using Aithena.Semantic.Search;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Aithena.Web.Api;

/// <summary>
/// The Api, as the pages use it, answering with the Api's own records. Every failure to reach it becomes an
/// <see cref="ApiUnavailableException"/> and every problem+json answer an <see cref="ApiProblemException"/>.
/// </summary>
public sealed class AithenaApiClient
{
    private readonly HttpClient http;
    private readonly IApiCredentials credentials;

    /// <param name="credentials">Who the calls are for: the signed-in user of the page's scope.</param>
    [ActivatorUtilitiesConstructor]
    public AithenaApiClient(HttpClient http, IApiCredentials credentials)
    {
        this.http = http;
        this.credentials = credentials;
    }

    /// <summary>A client that sends no credentials (the Api must allow anonymous callers).</summary>
    public AithenaApiClient(HttpClient http) : this(http, NoApiCredentials.Instance)
    {
    }

    public Task<SearchResponse> SearchAsync(SearchQuery query, CancellationToken cancellationToken) =>
        GetAsync<SearchResponse>("v1/search" + QueryString(
            ("q", query.Q), ("author", query.Author), ("category", query.Category), ("year", query.Year?.ToString(CultureInfo.InvariantCulture)),
            ("language", query.Language), ("sort", query.Sort), ("mode", query.Mode), ("collection", query.Collection), ("tag", query.Tag),
            ("page", query.Page == 1 ? null : query.Page.ToString(CultureInfo.InvariantCulture)),
            ("pageSize", query.PageSize.ToString(CultureInfo.InvariantCulture))), cancellationToken)!;

    public Task<DocumentPage> ListAsync(string? status, int page, int pageSize, CancellationToken cancellationToken) =>
        GetAsync<DocumentPage>("v1/documents" + QueryString(("status", status),
            ("page", page.ToString(CultureInfo.InvariantCulture)), ("pageSize", pageSize.ToString(CultureInfo.InvariantCulture))), cancellationToken)!;

    /// <returns>null when the Api knows no such document.</returns>
    public async Task<DocumentResponse?> GetDocumentAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            return await GetAsync<DocumentResponse>($"v1/documents/{Uri.EscapeDataString(id)}", cancellationToken);
        }
        catch (ApiProblemException e) when (e.StatusCode == StatusCodes.Status404NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// Where the document stands in the embedders' queue; null when the Api cannot say (an Api without the endpoint, a
    /// document gone): a figure the page can do without.
    /// </summary>
    public async Task<EmbeddingProgress?> GetEmbeddingProgressAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            return await GetAsync<EmbeddingProgress>($"v1/documents/{Uri.EscapeDataString(id)}/embeddings", cancellationToken);
        }
        catch (Exception e) when (e is ApiProblemException or ApiUnavailableException)
        {
            return null;
        }
    }

    /// <summary>How far meaning-search lags keyword search across the library; null when the Api cannot say (a figure the status page can do without).</summary>
    public async Task<LibraryEmbeddingProgress?> GetLibraryEmbeddingProgressAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await GetAsync<LibraryEmbeddingProgress>("v1/embeddings", cancellationToken);
        }
        catch (Exception e) when (e is ApiProblemException or ApiUnavailableException)
        {
            return null;
        }
    }

    /// <summary>Sends a failed document back for indexing; the Api makes pressing twice harmless.</summary>
    public async Task<DocumentResponse> RetryAsync(string id, CancellationToken cancellationToken) =>
        (await SendAsync<DocumentResponse>(new HttpRequestMessage(HttpMethod.Post, $"v1/documents/{Uri.EscapeDataString(id)}/retry"), cancellationToken))!;

    /// <summary>Takes a document out of the library (a librarian's right): its file is deleted and the catalog forgets it.</summary>
    public async Task RemoveAsync(string id, CancellationToken cancellationToken) =>
        await SendAsync<DocumentResponse>(new HttpRequestMessage(HttpMethod.Delete, $"v1/documents/{Uri.EscapeDataString(id)}"), cancellationToken);

    /// <summary>Replaces a document's corrected metadata (a librarian's right); the answer is the document as it now is.</summary>
    public async Task<DocumentResponse> CorrectMetadataAsync(string id, MetadataFields corrections, CancellationToken cancellationToken) =>
        (await SendAsync<DocumentResponse>(Json(HttpMethod.Put, $"v1/documents/{Uri.EscapeDataString(id)}/metadata", corrections), cancellationToken))!;

    /// <summary>The documents nearest in meaning to this one (none, with the reason, when search by meaning is off or it has no embeddings yet).</summary>
    public async Task<SimilarDocuments> SimilarAsync(string id, int limit, CancellationToken cancellationToken) =>
        (await GetAsync<SimilarDocuments>($"v1/documents/{Uri.EscapeDataString(id)}/similar?limit={limit.ToString(CultureInfo.InvariantCulture)}", cancellationToken))!;

    /// <summary>Posts one file as the multipart field <c>file</c>; every answer, refusals included, comes back as data.</summary>
    public async Task<UploadAnswer> UploadAsync(Stream content, string fileName, string? contentType, CancellationToken cancellationToken)
    {
        using var form = new MultipartFormDataContent();
        var file = new StreamContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.TryParse(contentType, out var type) ? type : new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/upload") { Content = form };
        using var response = await SendRawAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        switch (response.StatusCode)
        {
            case HttpStatusCode.Accepted:
                var accepted = (await response.Content.ReadFromJsonAsync<UploadAccepted>(cancellationToken))!;
                return new UploadAnswer(202, accepted.UploadId, accepted.Status, false, null, null, null);
            case HttpStatusCode.OK:
                var duplicate = (await response.Content.ReadFromJsonAsync<UploadDuplicate>(cancellationToken))!;
                return new UploadAnswer(200, duplicate.UploadId, duplicate.Status, true, null, null, null);
            default:
                var problem = await ProblemAsync(response, cancellationToken);
                return new UploadAnswer((int)response.StatusCode, null, null, false, problem.Title, problem.Detail, problem.RetryAfter);
        }
    }

    /// <summary>The PDF, headers first: the caller streams the body on and disposes the response.</summary>
    public Task<HttpResponseMessage> GetFileAsync(string id, RangeHeaderValue? range, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"v1/documents/{Uri.EscapeDataString(id)}/file");
        request.Headers.Range = range;
        return SendRawAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    public Task<HttpResponseMessage> GetCoverAsync(string id, CancellationToken cancellationToken) =>
        SendRawAsync(new HttpRequestMessage(HttpMethod.Get, $"v1/documents/{Uri.EscapeDataString(id)}/cover"), HttpCompletionOption.ResponseHeadersRead, cancellationToken);

    /// <summary>
    /// How many documents have each status: from the Api's detailed health report (one grouped count in the catalog),
    /// which is for admins; otherwise from the total of a one-item page per status.
    /// </summary>
    public async Task<IReadOnlyList<(string Status, int Count)>> CountByStatusAsync(CancellationToken cancellationToken)
    {
        string[] statuses = ["queued", "indexed", "failed", "removed"];
        try
        {
            var report = await GetHealthAsync(http.BaseAddress!, cancellationToken);
            if (report.Checks?.GetValueOrDefault("documents")?.Data is { } counts && statuses.All(counts.ContainsKey))
            {
                return statuses.Select(s => (s, counts[s].GetInt32())).ToList();
            }
        }
        catch (ApiProblemException)
        {
            // 401/403: the report is for admins; the pages' totals are open to every reader.
        }

        var pages = await Task.WhenAll(statuses.Select(s => ListAsync(s, 1, 1, cancellationToken)));
        return statuses.Zip(pages, (s, p) => (s, p.Total)).ToList();
    }

    /// <summary>A service's detailed health report (for an admin: their token to the Api, the health key to the others).</summary>
    public async Task<ServiceHealthReport> GetHealthAsync(Uri service, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(service, "health/detail"));
        using var response = await SendRawAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        // 503 carries the report too: the service is up but cannot serve.
        if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            return (await response.Content.ReadFromJsonAsync<ServiceHealthReport>(cancellationToken))!;
        }

        var problem = await ProblemAsync(response, cancellationToken);
        throw new ApiProblemException((int)response.StatusCode, problem.Title, problem.Detail);
    }

    /// <returns>The session's token, or null when the name or password is wrong (or the account disabled or locked).</returns>
    public async Task<WebToken?> SignInAsync(string userName, string password, CancellationToken cancellationToken)
    {
        try
        {
            return await SendAsync<WebToken>(Json(HttpMethod.Post, "v1/auth/token", new SignInRequest(userName, password)), cancellationToken);
        }
        catch (ApiProblemException e) when (e.StatusCode == StatusCodes.Status401Unauthorized)
        {
            return null;
        }
    }

    /// <summary>Changes the signed-in user's password; the answer is the token of a new session (every other one ends).</summary>
    public async Task<WebToken> ChangePasswordAsync(string current, string next, CancellationToken cancellationToken) =>
        (await SendAsync<WebToken>(Json(HttpMethod.Post, "v1/account/password", new ChangePasswordRequest(current, next)), cancellationToken))!;

    public async Task<IReadOnlyList<TokenInfo>> ListTokensAsync(CancellationToken cancellationToken) =>
        (await GetAsync<List<TokenInfo>>("v1/account/tokens", cancellationToken))!;

    public async Task<CreatedToken> CreateTokenAsync(string name, int? expiresInDays, CancellationToken cancellationToken) =>
        (await SendAsync<CreatedToken>(Json(HttpMethod.Post, "v1/account/tokens", new CreateTokenRequest(name, expiresInDays)), cancellationToken))!;

    public Task RevokeTokenAsync(string id, CancellationToken cancellationToken) =>
        SendAsync<object>(new HttpRequestMessage(HttpMethod.Delete, $"v1/account/tokens/{Uri.EscapeDataString(id)}"), cancellationToken);

    public async Task<IReadOnlyList<UserResponse>> ListUsersAsync(CancellationToken cancellationToken) =>
        (await GetAsync<List<UserResponse>>("v1/users", cancellationToken))!;

    public async Task<UserResponse> CreateUserAsync(CreateUserRequest user, CancellationToken cancellationToken) =>
        (await SendAsync<UserResponse>(Json(HttpMethod.Post, "v1/users", user), cancellationToken))!;

    public async Task<UserResponse> UpdateUserAsync(string id, UpdateUserRequest change, CancellationToken cancellationToken) =>
        (await SendAsync<UserResponse>(Json(HttpMethod.Patch, $"v1/users/{Uri.EscapeDataString(id)}", change), cancellationToken))!;

    public async Task<UserResponse> ResetPasswordAsync(string id, string password, CancellationToken cancellationToken) =>
        (await SendAsync<UserResponse>(Json(HttpMethod.Post, $"v1/users/{Uri.EscapeDataString(id)}/password", new ResetPasswordRequest(password)), cancellationToken))!;

    /// <summary>Every collection (<paramref name="kind"/> <c>collection</c>) or tag (<c>tag</c>), by name, with their document counts.</summary>
    public async Task<IReadOnlyList<CollectionResponse>> ListCollectionsAsync(string kind, CancellationToken cancellationToken) =>
        (await GetAsync<List<CollectionResponse>>(CollectionsPath(kind), cancellationToken))!;

    /// <returns>null when the Api knows no such collection (or tag).</returns>
    public async Task<CollectionResponse?> GetCollectionAsync(string kind, string id, CancellationToken cancellationToken)
    {
        try
        {
            return await GetAsync<CollectionResponse>($"{CollectionsPath(kind)}/{Uri.EscapeDataString(id)}", cancellationToken);
        }
        catch (ApiProblemException e) when (e.StatusCode == StatusCodes.Status404NotFound)
        {
            return null;
        }
    }

    public Task<DocumentPage> ListCollectionDocumentsAsync(string kind, string id, string? status, int page, int pageSize, CancellationToken cancellationToken) =>
        GetAsync<DocumentPage>($"{CollectionsPath(kind)}/{Uri.EscapeDataString(id)}/documents" + QueryString(("status", status),
            ("page", page.ToString(CultureInfo.InvariantCulture)), ("pageSize", pageSize.ToString(CultureInfo.InvariantCulture))), cancellationToken)!;

    public async Task<CollectionResponse> CreateCollectionAsync(string kind, string? name, string? description, CancellationToken cancellationToken) =>
        (await SendAsync<CollectionResponse>(Json(HttpMethod.Post, CollectionsPath(kind), new CollectionRequest(name, description)), cancellationToken))!;

    public async Task<CollectionResponse> UpdateCollectionAsync(string kind, string id, string? name, string? description, CancellationToken cancellationToken) =>
        (await SendAsync<CollectionResponse>(Json(HttpMethod.Put, $"{CollectionsPath(kind)}/{Uri.EscapeDataString(id)}", new CollectionRequest(name, description)), cancellationToken))!;

    public Task DeleteCollectionAsync(string kind, string id, CancellationToken cancellationToken) =>
        SendAsync<object>(new HttpRequestMessage(HttpMethod.Delete, $"{CollectionsPath(kind)}/{Uri.EscapeDataString(id)}"), cancellationToken);

    public Task AddToCollectionAsync(string kind, string id, string documentId, CancellationToken cancellationToken) =>
        SendAsync<object>(new HttpRequestMessage(HttpMethod.Put, $"{CollectionsPath(kind)}/{Uri.EscapeDataString(id)}/documents/{Uri.EscapeDataString(documentId)}"), cancellationToken);

    public Task RemoveFromCollectionAsync(string kind, string id, string documentId, CancellationToken cancellationToken) =>
        SendAsync<object>(new HttpRequestMessage(HttpMethod.Delete, $"{CollectionsPath(kind)}/{Uri.EscapeDataString(id)}/documents/{Uri.EscapeDataString(documentId)}"), cancellationToken);

    public async Task<DocumentCollections> GetDocumentCollectionsAsync(string documentId, CancellationToken cancellationToken) =>
        (await GetAsync<DocumentCollections>($"v1/documents/{Uri.EscapeDataString(documentId)}/collections", cancellationToken))!;

    private static string CollectionsPath(string kind) => kind == "tag" ? "v1/tags" : "v1/collections";

    private static HttpRequestMessage Json<T>(HttpMethod method, string path, T body) => new(method, path) { Content = JsonContent.Create(body) };

    private Task<T?> GetAsync<T>(string path, CancellationToken cancellationToken) =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);

    private async Task<T?> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            using var response = await SendRawAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var problem = await ProblemAsync(response, cancellationToken);
                throw new ApiProblemException((int)response.StatusCode, problem.Title, problem.Detail, problem.RetryAfter);
            }

            return response.StatusCode == HttpStatusCode.NoContent ? default : await response.Content.ReadFromJsonAsync<T>(cancellationToken);
        }
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { IsAbsoluteUri: false } relative)
        {
            request.RequestUri = new Uri(http.BaseAddress!, relative);
        }

        await credentials.ApplyAsync(request);
        try
        {
            return await http.SendAsync(request, completion, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or BrokenCircuitException or TimeoutRejectedException
                                  || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new ApiUnavailableException("The Aithena Api cannot be reached right now.", e);
        }
    }

    private static async Task<(string Title, string? Detail, TimeSpan? RetryAfter)> ProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ProblemBody? body = null;
        if (response.Content.Headers.ContentType?.MediaType is "application/problem+json" or "application/json")
        {
            try
            {
                body = await response.Content.ReadFromJsonAsync<ProblemBody>(cancellationToken);
            }
            catch (System.Text.Json.JsonException)
            {
                // A body that is not a problem: the status alone is shown.
            }
        }

        var retryAfter = response.Headers.RetryAfter is { } header
            ? header.Delta ?? (header.Date is { } date ? date - DateTimeOffset.UtcNow : null)
            : null;
        return (body?.Title ?? response.ReasonPhrase ?? $"HTTP {(int)response.StatusCode}", body?.Detail, retryAfter);
    }

    private static string QueryString(params (string Name, string? Value)[] parameters)
    {
        var parts = parameters.Where(p => !string.IsNullOrEmpty(p.Value))
            .Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}
