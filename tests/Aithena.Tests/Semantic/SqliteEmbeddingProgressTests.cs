using Aithena.Tests.Infrastructure;

namespace Aithena.Tests.Semantic;

/// <summary>Embedding progress on the default catalog, a SQLite file.</summary>
public sealed class SqliteEmbeddingProgressTests(SharedBroker shared) : EmbeddingProgressTests(shared)
{
    protected override Task<string?> CreateCatalogAsync() => Task.FromResult<string?>(null);

    protected override Task DeleteCatalogAsync() => Task.CompletedTask;
}
