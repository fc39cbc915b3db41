using System.Net;
using Aithena.Tests.Infrastructure;

namespace Aithena.Tests.Api;

/// <summary>Who may upload: an optional API key and an optional per-client rate limit.</summary>
public sealed class AccessTests(SharedBroker shared) : IAsyncLifetime
{
    private const string Key = "a-very-secret-upload-key-0123456789";
    private TestSystem _system = null!;
    private ServiceHost? _api;

    private TestLibrary _library => _system.Library;

    public async ValueTask InitializeAsync() => _system = await TestSystem.CreateAsync(shared.Broker);

    public ValueTask DisposeAsync() => _system.DisposeAsync();

    private async Task<HttpClient> StartAsync(params (string, string?)[] settings)
    {
        _api = await _system.StartApiAsync(settings);
        return _api.Http;
    }

    private static HttpRequestMessage Upload(string? key, string name = "doc.pdf")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/upload") { Content = Uploads.Form(TestPdf.WithPages($"{name} {Guid.NewGuid()}"), name) };
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        return request;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("a-very-secret-upload-key-0123456788")]
    [InlineData("a-very-secret-upload-key-0123456789-and-more")]
    public async Task With_an_api_key_set_an_upload_without_the_right_key_is_401_and_stores_nothing(string? presented)
    {
        var http = await StartAsync(("Access:ApiKey", Key));

        using var response = await http.SendAsync(Upload(presented), TestContext.Current.CancellationToken);

        var problem = await response.AssertProblemAsync(401);
        Assert.DoesNotContain(Key, problem.ToString(), StringComparison.Ordinal);
        Assert.Empty(_library.AllFiles());
    }

    [Fact]
    public async Task With_the_right_key_the_upload_is_accepted_search_stays_open_and_the_key_is_never_logged()
    {
        var http = await StartAsync(("Access:ApiKey", Key));

        using var response = await http.SendAsync(Upload(Key), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var search = await http.GetAsync("/v1/search?q=doc", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);

        var health = await (await http.GetAsync("/health", TestContext.Current.CancellationToken)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain(Key, health, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, _api!.Logs.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_can_be_protected_too()
    {
        var http = await StartAsync(("Access:ApiKey", Key), ("Access:ProtectReads", "true"));

        using var anonymous = await http.GetAsync("/v1/search?q=x", TestContext.Current.CancellationToken);
        await anonymous.AssertProblemAsync(401);
        using var documents = await http.GetAsync("/v1/documents", TestContext.Current.CancellationToken);
        await documents.AssertProblemAsync(401);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/search?q=x") { Headers = { { "X-Api-Key", Key } } };
        using var allowed = await http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        using var health = await http.GetAsync("/health", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task A_short_api_key_stops_start_up()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => StartAsync(("Access:ApiKey", "short")));
        Assert.Contains("Access:ApiKey", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Over_the_rate_limit_an_upload_gets_429_with_retry_after_and_stores_nothing()
    {
        var http = await StartAsync(("Access:UploadsPerMinute", "2"));

        for (var i = 0; i < 2; i++)
        {
            using var ok = await http.SendAsync(Upload(null, $"allowed-{i}.pdf"), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Accepted, ok.StatusCode);
        }

        using var limited = await http.SendAsync(Upload(null, "limited.pdf"), TestContext.Current.CancellationToken);

        await limited.AssertProblemAsync(429);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Equal(["uploads/allowed-0.pdf", "uploads/allowed-1.pdf"], _library.AllFiles());
        using var search = await http.GetAsync("/v1/search?q=allowed", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, search.StatusCode); // the limit is on uploads only
    }

    [Theory]
    [InlineData(null)]
    [InlineData(Key)]
    public async Task Made_up_api_keys_do_not_dodge_the_rate_limit(string? configuredKey)
    {
        // Without a key configured a made-up one is simply not an identity; with one configured it is refused. Either
        // way the client is its address, one partition however many keys it invents.
        var http = await StartAsync(("Access:UploadsPerMinute", "2"), ("Access:ApiKey", configuredKey));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await http.SendAsync(Upload($"made-up-key-{Guid.NewGuid():N}", $"keyed-{i}.pdf"), TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
        }

        var expected = configuredKey is null
            ? new[] { HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests }
            : [HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests];
        Assert.Equal(expected, statuses);
        Assert.Equal(configuredKey is null ? ["uploads/keyed-0.pdf", "uploads/keyed-1.pdf"] : [], _library.AllFiles());
    }

    [Fact]
    public async Task The_key_holder_has_a_limit_of_its_own_apart_from_its_address()
    {
        var http = await StartAsync(("Access:UploadsPerMinute", "1"), ("Access:ApiKey", Key));

        using var first = await http.SendAsync(Upload(Key, "first.pdf"), TestContext.Current.CancellationToken);
        using var second = await http.SendAsync(Upload(Key, "second.pdf"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        await second.AssertProblemAsync(429);
        Assert.Equal(["uploads/first.pdf"], _library.AllFiles());
    }

    [Fact]
    public async Task Without_settings_uploads_are_neither_keyed_nor_limited()
    {
        var http = await StartAsync();
        var responses = await Task.WhenAll(Enumerable.Range(0, 15).Select(i => http.SendAsync(Upload(null, $"free-{i}.pdf"))));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
    }
}
