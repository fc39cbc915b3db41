namespace Aithena.Web.Api;

/// <summary>The services whose health the status page shows, by service-discovery name (their <c>/health/detail</c>).</summary>
public sealed class StatusOptions
{
    public const string SectionName = "Status";

    public List<string> Services { get; set; } = [];

    /// <summary>How often the status page refreshes itself.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    public IEnumerable<string> ServicesOrDefault => Services.Count > 0 ? Services : ["api", "indexer", "lister"];
}
