namespace Aithena.Catalog;

/// <summary>
/// Which database holds the catalog, chosen by the form of <c>ConnectionStrings:catalog</c>: <c>Data Source=...</c>
/// is an embedded SQLite file (the default; the services of one machine), <c>Host=...</c> (an Npgsql connection
/// string) is PostgreSQL (services on several machines).
/// </summary>
public enum CatalogEngine
{
    Sqlite,
    Postgres,
}
