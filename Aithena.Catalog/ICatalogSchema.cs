namespace Aithena.Catalog;

/// <summary>The catalog's schema in its engine: migrated by version, safe when several processes start at once.</summary>
public interface ICatalogSchema
{
    CatalogEngine Engine { get; }

    /// <summary>The version this build writes and expects.</summary>
    int CurrentVersion { get; }

    Task MigrateAsync(CancellationToken cancellationToken = default);

    /// <summary>The version the database holds: 0 for an empty one.</summary>
    Task<int> GetVersionAsync(CancellationToken cancellationToken = default);
}
