using System.ComponentModel.DataAnnotations;

namespace Aithena.Semantic.Search;

/// <summary>Bound from <c>Search</c>.</summary>
public sealed class SemanticSearchOptions
{
    public const string SectionName = "Search";

    /// <summary>The mode when a request names none. Hybrid: it beats keyword on the evaluation (docs/SEARCH-QUALITY.md).</summary>
    public SearchMode DefaultMode { get; set; } = SearchMode.Hybrid;

    /// <summary>How many documents each ranking contributes to a semantic or hybrid result (and so the most it can page through).</summary>
    [Range(10, 1000)]
    public int CandidateDepth { get; set; } = 100;

    /// <summary>The k of reciprocal rank fusion: score = Σ 1 / (k + rank). 60 is the value of the original paper (and of aithena).</summary>
    [Range(1, 1000)]
    public int RrfK { get; set; } = 60;

    /// <summary>
    /// Documents whose best passage is less similar than this are no semantic match. Low on purpose: a ranking is
    /// wanted, not a verdict, and unrelated text scores about 0 to 0.15 with MiniLM.
    /// </summary>
    [Range(-1.0, 1.0)]
    public double MinSimilarity { get; set; } = 0.15;

    /// <summary>How often the Api looks for passages changed in the catalog.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
