namespace Aithena.AppHost.Catalog;

/// <summary>Which engine holds the catalog in run mode: the configuration key <c>Aithena:Catalog</c>. Publishing always describes PostgreSQL.</summary>
public enum CatalogMode
{
    /// <summary>One SQLite file in <c>data-path</c>, shared by the services of this machine: nothing to run. The run-mode default.</summary>
    Sqlite,

    /// <summary>
    /// A PostgreSQL server: its container image where <c>Aithena:CatalogServer</c> (by default the same as
    /// <c>Aithena:Broker</c>) is <c>container</c>, Debian's postgresql-15 run by <c>scripts/postgres.sh run</c> where it is <c>local</c>.
    /// </summary>
    Postgres,
}
