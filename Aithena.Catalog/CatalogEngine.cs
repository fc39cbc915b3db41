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

public static class CatalogEngines
{
    /// <summary>The engine a connection string names; SQLite unless it names a PostgreSQL host.</summary>
    public static CatalogEngine Of(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return CatalogEngine.Sqlite;
        }

        var keys = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2)[0].Trim().ToLowerInvariant())
            .ToHashSet();
        return keys.Contains("host") || keys.Contains("server") ? CatalogEngine.Postgres : CatalogEngine.Sqlite;
    }
}
