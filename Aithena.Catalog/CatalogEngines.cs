namespace Aithena.Catalog;

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
