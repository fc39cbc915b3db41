using System.ComponentModel.DataAnnotations;

namespace Aithena.Indexer.Indexing;

/// <summary>Bound from <c>Indexer</c> (environment <c>Indexer__MaxPages</c>).</summary>
public sealed class IndexerOptions
{
    public const string SectionName = "Indexer";

    /// <summary>Documents with more pages are refused (marked failed), so one huge file cannot hold an Indexer for hours.</summary>
    [Range(1, 1_000_000)]
    public int MaxPages { get; set; } = 2000;
}
