using Aithena.Tests.Infrastructure;

namespace Aithena.Tests.Accounts;

/// <summary>Accounts and roles with the users in the default catalog, a SQLite file.</summary>
public sealed class SqliteAccountsTests(SharedBroker shared) : AccountsTests(shared)
{
    protected override Task<string?> CreateCatalogAsync() => Task.FromResult<string?>(null);

    protected override Task DeleteCatalogAsync(string catalog) => Task.CompletedTask;
}
