using Aithena.Tests.Infrastructure;

namespace Aithena.Tests.Accounts;

/// <summary>Accounts and roles with the users in a PostgreSQL catalog (a database of its own per test).</summary>
public sealed class PostgresAccountsTests(SharedBroker shared, SharedPostgres postgres) : AccountsTests(shared)
{
    protected override async Task<string?> CreateCatalogAsync() => await postgres.CreateDatabaseAsync();

    protected override Task DeleteCatalogAsync(string catalog) => postgres.DropDatabaseAsync(catalog);
}
