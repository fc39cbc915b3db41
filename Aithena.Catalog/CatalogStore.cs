using Microsoft.Extensions.Options;
using Npgsql;

namespace Aithena.Catalog;

/// <summary>
/// The catalog of one connection string outside dependency injection (tests, benchmarks, tools): the engine its form
/// names, with its schema, documents and search. Disposing it closes the PostgreSQL pool, if any.
/// </summary>
public sealed class CatalogStore : IAsyncDisposable
{
    private readonly NpgsqlDataSource? _dataSource;

    private CatalogStore(CatalogEngine engine, ICatalogSchema schema, IDocumentCatalog documents, ICatalogSearch search, IDocumentGroups groups, NpgsqlDataSource? dataSource)
    {
        Engine = engine;
        Schema = schema;
        Documents = documents;
        Search = search;
        Groups = groups;
        _dataSource = dataSource;
    }

    public CatalogEngine Engine { get; }
    public ICatalogSchema Schema { get; }
    public IDocumentCatalog Documents { get; }
    public ICatalogSearch Search { get; }
    public IDocumentGroups Groups { get; }

    public static CatalogStore Open(string connectionString, TimeProvider? clock = null)
    {
        clock ??= TimeProvider.System;
        if (CatalogEngines.Of(connectionString) == CatalogEngine.Postgres)
        {
            var dataSource = NpgsqlDataSource.Create(connectionString);
            return new CatalogStore(CatalogEngine.Postgres, new PostgresCatalogSchema(dataSource),
                new PostgresDocumentCatalog(dataSource, clock), new PostgresCatalogSearch(dataSource), new PostgresDocumentGroups(dataSource, clock), dataSource);
        }

        var database = new SqliteCatalogDatabase(Options.Create(new CatalogOptions { Catalog = connectionString }));
        return new CatalogStore(CatalogEngine.Sqlite, new SqliteCatalogSchema(database),
            new SqliteDocumentCatalog(database, clock), new SqliteCatalogSearch(database), new SqliteDocumentGroups(database, clock), null);
    }

    /// <summary><see cref="Open"/>, then the schema migrated.</summary>
    public static async Task<CatalogStore> OpenMigratedAsync(string connectionString, TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        var store = Open(connectionString, clock);
        await store.Schema.MigrateAsync(cancellationToken);
        return store;
    }

    public async ValueTask DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }
    }
}
