using System.Net.Http.Json;
using Aithena.Semantic.Search;
using Aithena.Tests.Infrastructure;

namespace Aithena.Tests.Semantic;

/// <summary>Without a model, semantic and hybrid search answer with keyword results and say why.</summary>
public sealed class SemanticFallbackTests(SharedBroker shared) : IAsyncLifetime
{
    private TestSystem _system = null!;
    private ServiceHost _api = null!;

    public async ValueTask InitializeAsync()
    {
        _system = await TestSystem.CreateAsync(shared.Broker);
        _api = await _system.StartApiAsync(("Embeddings:Model", "None"));
    }

    public ValueTask DisposeAsync() => _system.DisposeAsync();

    [Fact]
    public async Task Hybrid_and_semantic_fall_back_to_keyword_search_and_say_so_when_there_is_no_model()
    {
        foreach (var mode in new[] { "hybrid", "semantic" })
        {
            var response = (await _api.Http.GetFromJsonAsync<SearchResponse>($"/v1/search?q=anything&mode={mode}", TestContext.Current.CancellationToken))!;
            Assert.Equal("keyword", response.Mode);
            Assert.False(response.Semantic.Available);
            Assert.Contains("Embeddings:Model is None", response.Semantic.Reason, StringComparison.Ordinal);
        }
    }
}
