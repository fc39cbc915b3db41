using Aithena.Tests.Infrastructure;

namespace Aithena.Tests.Semantic;

/// <summary>Semantic search through the Api on the default catalog, a SQLite file.</summary>
public sealed class SqliteSemanticSearchTests(SharedBroker shared) : SemanticSearchTests(shared)
{
    protected override Task<string?> CreateCatalogAsync() => Task.FromResult<string?>(null);

    protected override Task DeleteCatalogAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_unknown_mode_is_a_bad_request()
    {
        using var response = await Http.GetAsync("/v1/search?q=x&mode=telepathy", TestContext.Current.CancellationToken);
        await response.AssertProblemAsync(400);
    }
}
