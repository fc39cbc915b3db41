using Aithena.Tests.Infrastructure;

namespace Aithena.Tests.Semantic;

/// <summary>Semantic search through the Api with the services sharing a PostgreSQL catalog (a database of its own per test).</summary>
public sealed class PostgresSemanticSearchTests(SharedBroker shared, SharedPostgres postgres) : SemanticSearchTests(shared)
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
