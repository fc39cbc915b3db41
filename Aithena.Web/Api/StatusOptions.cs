namespace Aithena.Web.Api;

/// <summary>The services whose health the status page shows, by service-discovery name (their <c>/health/detail</c>).</summary>
public sealed class StatusOptions
{
    public const string SectionName = "Status";

    public List<string> Services { get; set; } = [];

    /// <summary>How often the status page refreshes itself.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    public IEnumerable<string> ServicesOrDefault => Services.Count > 0 ? Services : ["api", "indexer", "embedder", "ocr", "lister"];

    /// <summary>The queues whose depth and consumers the page shows (with <c>ConnectionStrings:messaging-management</c>).</summary>
    public List<string> Queues { get; set; } = [];

    public IEnumerable<string> QueuesOrDefault => Queues.Count > 0 ? Queues
        : ["index-document", "index-document_error", "embed-document", "embed-document_error"];
}
