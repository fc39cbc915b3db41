namespace Aithena.Semantic.Search;

/// <summary>How <c>GET /v1/search</c> ranks.</summary>
public enum SearchMode
{
    /// <summary>Words: BM25 over the full-text index.</summary>
    Keyword,

    /// <summary>Meaning: cosine similarity between the query's embedding and every passage's.</summary>
    Semantic,

    /// <summary>Both, fused by reciprocal rank (k = 60).</summary>
    Hybrid,
}
