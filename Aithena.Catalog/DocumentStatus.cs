namespace Aithena.Catalog;

/// <summary>A document's place in the pipeline, stored as lowercase text.</summary>
public static class DocumentStatus
{
    public const string Queued = "queued";
    public const string Indexed = "indexed";
    public const string Failed = "failed";
    public const string Removed = "removed";

    public static readonly IReadOnlyList<string> All = [Queued, Indexed, Failed, Removed];

    public static bool IsKnown(string? status) => status is not null && All.Contains(status);
}
