using Aithena.Api.Documents;
using Microsoft.AspNetCore.Mvc;
using Aithena.Tests.Infrastructure;

namespace Aithena.Tests.Api;

/// <summary>Input no one should send, answered with a problem that says what is wrong, never a 500.</summary>
public sealed class BadInputTests(SharedBroker shared) : IAsyncLifetime
{
    private readonly TestLibrary _library = new();
    private ServiceHost _api = null!;

    private HttpClient Http => _api.Http;

    public async ValueTask InitializeAsync()
    {
        var vhost = await shared.Broker.CreateVirtualHostAsync();
        _api = await ServiceHost.StartApiAsync(Settings.For(shared.Broker, vhost, _library));
    }

    public async ValueTask DisposeAsync()
    {
        await _api.DisposeAsync();
        _library.Dispose();
    }

    private async Task<ProblemDetails> ProblemAsync(string uri, int status = 400)
    {
        using var response = await Http.GetAsync(uri, TestContext.Current.CancellationToken);
        return await response.AssertProblemAsync(status);
    }

    [Theory]
    [InlineData("keyword")]
    [InlineData("hybrid")]
    [InlineData("semantic")]
    public async Task A_nul_in_the_query_or_a_filter_is_a_400_that_names_it(string mode)
    {
        Assert.Contains("NUL", (await ProblemAsync($"/v1/search?mode={mode}&q=a%00")).Detail);
        Assert.Contains("NUL", (await ProblemAsync($"/v1/search?mode={mode}&q=%22a%00b%22")).Detail);
        Assert.Contains("author", (await ProblemAsync($"/v1/search?mode={mode}&q=a&author=x%00")).Detail);
    }

    [Fact]
    public async Task The_last_possible_page_of_the_library_is_empty_and_labelled_as_asked()
    {
        var page = await Http.GetAsync<DocumentPage>($"/v1/documents?page={int.MaxValue}&pageSize=100");
        Assert.Equal(int.MaxValue, page.Page);
        Assert.Empty(page.Items);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("(")]
    [InlineData("'")]
    [InlineData("%25")]
    public async Task A_query_without_letters_says_so_not_that_it_only_excludes(string q)
    {
        var problem = await ProblemAsync($"/v1/search?q={q}");
        Assert.Contains("no word to search for", problem.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("exclude", problem.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v1/search?q=x&page=abc", "page")]
    [InlineData("/v1/search?q=x&year=abc", "year")]
    [InlineData("/v1/search?q=x&pageSize=99999999999", "pageSize")]
    [InlineData("/v1/documents?page=abc", "page")]
    [InlineData("/v1/documents/0123456789abcdef0123456789abcdef/similar?limit=abc", "limit")]
    public async Task A_number_that_is_no_number_is_a_problem_naming_the_parameter(string uri, string parameter)
    {
        var problem = await ProblemAsync(uri);
        Assert.Contains(parameter, problem.Detail, StringComparison.Ordinal);
        Assert.Contains("abc", uri.Contains("abc", StringComparison.Ordinal) ? problem.Detail : "abc", StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upload_body_cut_short_says_it_ended_too_early()
    {
        using var whole = Uploads.Form(TestPdf.WithPages("cut short"), "cut.pdf");
        var bytes = await whole.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        var headers = bytes.AsSpan().IndexOf("%PDF"u8);
        // Cut inside the part's headers (its content type among them), just after them, and inside the file.
        foreach (var length in Enumerable.Range(headers - 60, 70).Append(bytes.Length / 2).Append(bytes.Length - 10))
        {
            using var cut = new ByteArrayContent(bytes[..length]);
            cut.Headers.ContentType = whole.Headers.ContentType;
            using var response = await Http.PostAsync("/v1/upload", cut, TestContext.Current.CancellationToken);

            var problem = await response.AssertProblemAsync(400);
            Assert.True(problem.Detail?.Contains("ends too early", StringComparison.Ordinal), $"cut at {length} of {bytes.Length}: {problem.Detail}");
        }

        Assert.Empty(_library.AllFiles());
    }
}
