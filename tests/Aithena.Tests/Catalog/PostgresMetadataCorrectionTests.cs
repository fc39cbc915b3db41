using Aithena.Tests.Infrastructure;

namespace Aithena.Tests.Catalog;

/// <summary>Corrected metadata on PostgreSQL: a database of its own per test on the shared private server.</summary>
public sealed class PostgresMetadataCorrectionTests(SharedPostgres postgres) : MetadataCorrectionTests
{
    protected override Task<string> CreateCatalogAsync() => postgres.CreateDatabaseAsync();

    protected override Task DeleteCatalogAsync(string connectionString) => postgres.DropDatabaseAsync(connectionString);
}
