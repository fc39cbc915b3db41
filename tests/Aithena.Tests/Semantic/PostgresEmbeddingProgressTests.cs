using Aithena.Tests.Infrastructure;

namespace Aithena.Tests.Semantic;

/// <summary>Embedding progress on a PostgreSQL catalog.</summary>
public sealed class PostgresEmbeddingProgressTests(SharedBroker shared, SharedPostgres postgres) : EmbeddingProgressTests(shared)
{
    private string? _catalog;

    protected override async Task<string?> CreateCatalogAsync() => _catalog = await postgres.CreateDatabaseAsync();

    protected override async Task DeleteCatalogAsync()
    {
        if (_catalog is not null)
        {
            await postgres.DropDatabaseAsync(_catalog);
        }
    }
}
