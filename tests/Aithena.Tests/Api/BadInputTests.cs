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
}
