using Aspire.Hosting.ApplicationModel;

namespace Aithena.AppHost.Catalog;

/// <summary>What the services are given as <c>ConnectionStrings__catalog</c>: a SQLite file's path, or a PostgreSQL database resource they wait for.</summary>
public sealed class AithenaCatalog
{
    private AithenaCatalog(ReferenceExpression? sqlite, IResourceBuilder<IResourceWithConnectionString>? database)
    {
        Sqlite = sqlite;
        Database = database;
    }

    public ReferenceExpression? Sqlite { get; }
    public IResourceBuilder<IResourceWithConnectionString>? Database { get; }

    public static AithenaCatalog SqliteFile(ReferenceExpression connectionString) => new(connectionString, null);

    public static AithenaCatalog Postgres(IResourceBuilder<IResourceWithConnectionString> database) => new(null, database);
}
