using System.ComponentModel.DataAnnotations;

namespace Aithena.Catalog;

/// <summary>Bound from <c>ConnectionStrings</c>: <c>ConnectionStrings:catalog</c> (environment <c>ConnectionStrings__catalog</c>).</summary>
public sealed class CatalogOptions
{
    [Required(ErrorMessage = "ConnectionStrings:catalog is not set. Set it (environment variable ConnectionStrings__catalog) to 'Data Source=/path/to/catalog.db' (SQLite) or 'Host=...;Database=...;Username=...;Password=...' (PostgreSQL).")]
    public string? Catalog { get; set; }
}
