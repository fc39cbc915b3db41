using Aithena.Tests.Infrastructure;

namespace Aithena.Tests.Semantic;

/// <summary>Embedding failures on the default catalog, a SQLite file.</summary>
public sealed class SqliteEmbeddingFailureTests(SharedBroker shared) : EmbeddingFailureTests(shared)
{
    protected override Task<string?> CreateCatalogAsync() => Task.FromResult<string?>(null);

    protected override Task DeleteCatalogAsync() => Task.CompletedTask;
}
