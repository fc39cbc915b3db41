using System.Net;
using Aithena.Catalog;
using Aithena.Semantic.Embeddings;
using Aithena.Semantic.Passages;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Aithena.Semantic.Search;

/// <summary>
/// Search in the three modes. Keyword is <see cref="CatalogSearch"/> as it is. Semantic embeds the query and ranks
/// documents by their best passage (exact cosine over the <see cref="VectorIndex"/>), filtered like keyword search.
/// Hybrid fuses the two rankings by reciprocal rank, score = Σ 1 / (k + rank), over the top
/// <see cref="SemanticSearchOptions.CandidateDepth"/> documents of each: a document found both ways rises, one found
/// one way keeps its place among those. When meaning is unavailable (no model, a model that did not load, vectors
/// still loading) both semantic and hybrid answer with the keyword result and say why.
/// </summary>
public sealed class DocumentSearch(
    ICatalogSearch keyword,
    VectorIndex index,
    VectorIndexSync sync,
    IEmbeddingGenerator<string, Embedding<float>> generator,
    IPassageStore store,
    IOptions<EmbeddingOptions> embedding,
    IOptions<SemanticSearchOptions> options,
    IDocumentGroups? groups = null)
{
    private const int FacetSize = 20;
    private const int SnippetsPerHit = 3;
    private const int MaxQueryChars = 1000;

    public SearchMode DefaultMode => options.Value.DefaultMode;

    public async Task<SearchResponse> SearchAsync(SearchRequest request, SearchMode? requested, CancellationToken cancellationToken)
    {
        var mode = requested ?? options.Value.DefaultMode;
        if (mode == SearchMode.Keyword || string.IsNullOrWhiteSpace(request.Query))
        {
            // Without words there is nothing to mean: every mode lists the library the same way.
            return FromKeyword(await keyword.SearchAsync(request, cancellationToken), new SemanticStatus(sync.Unavailable is null, sync.Unavailable, 0));
        }

        // One parse for every mode: the meaning half embeds the wanted words only, and the words' exclusions and
        // phrases then narrow what it found, so "-draft" or a quoted phrase means the same whatever the mode.
        if (!SearchQuery.TryParse(request.Query, out var parsed, out var error))
        {
            throw new InvalidSearchQueryException(error);
        }

        var (query, unavailable) = await EmbedQueryAsync(parsed.MeaningText, cancellationToken);
        if (query is null)
        {
            return FromKeyword(await keyword.SearchAsync(request, cancellationToken), new SemanticStatus(false, unavailable, 0));
        }

        var depth = options.Value.CandidateDepth;
        var inGroups = await GroupFilter.AllowedAsync(groups, request, cancellationToken);
        var semantic = index.Search(query, depth, document => Matches(document, request) && (inGroups is null || inGroups.Contains(document.Id)))
            .Where(m => m.Score >= options.Value.MinSimilarity).ToList();
        if (parsed.ConstrainsMeaning)
        {
            var allowed = await keyword.AllowedByWordsAsync(semantic.Select(m => m.Document.Id).Distinct().ToList(), parsed, cancellationToken);
            semantic = semantic.Where(m => allowed.Contains(m.Document.Id)).ToList();
        }

        // The keyword ranking: fused in hybrid mode; in semantic mode only to count matches that have no vectors yet.
        var words = await keyword.SearchAsync(request with { Page = 1, PageSize = depth, Sort = SearchSort.Relevance }, cancellationToken);

        var pending = words.Results.Count(hit => !index.Contains(hit.Id));
        var status = new SemanticStatus(true, pending > 0 ? $"{pending} matching documents have no embeddings yet; they rank by their words alone." : null, pending);

        var candidates = new Dictionary<string, Candidate>(StringComparer.Ordinal);
        var k = options.Value.RrfK;
        if (mode == SearchMode.Hybrid)
        {
            for (var rank = 0; rank < words.Results.Count; rank++)
            {
                var hit = words.Results[rank];
                candidates[hit.Id] = new Candidate(hit.Id) { Keyword = hit, KeywordRank = rank + 1, Score = 1.0 / (k + rank + 1) };
            }
        }

        for (var rank = 0; rank < semantic.Count; rank++)
        {
            var match = semantic[rank];
            var candidate = candidates.TryGetValue(match.Document.Id, out var c) ? c : candidates[match.Document.Id] = new Candidate(match.Document.Id);
            candidate.Semantic = match;
            candidate.SemanticRank = rank + 1;
            candidate.Score += mode == SearchMode.Hybrid ? 1.0 / (k + rank + 1) : match.Score;
        }

        var ranked = Sort(candidates.Values, request.Sort ?? SearchSort.Relevance).ToList();
        var offset = CatalogSearch.Offset(request.Page, request.PageSize);
        var page = offset >= ranked.Count ? [] : ranked.Skip((int)offset).Take(request.PageSize).ToList();
        var texts = await store.ReadPassageTextsAsync(page.Where(c => c.Semantic is not null).Select(c => c.Semantic!.PassageId).ToList(), cancellationToken);
        var hits = page.Select(c => Hit(c, texts)).ToList();
        var (collections, tags) = await GroupFilter.FacetsAsync(groups, ranked.Select(c => c.Id).ToList(), cancellationToken);
        var facets = new SearchFacets(
            Facet(ranked, c => c.Author),
            Facet(ranked, c => c.Category),
            Facet(ranked, c => c.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Facet(ranked, c => c.Language),
            collections,
            tags);
        // The fused total counts the candidates of each ranking (at most CandidateDepth apiece): exact only when neither
        // ranking was cut.
        var exact = semantic.Count < depth && words.TotalIsExact && words.Total <= depth;
        return new SearchResponse(ranked.Count, request.Page, request.PageSize, hits, facets, Name(mode), status, exact);
    }

    /// <summary>The documents nearest in meaning to the mean of this document's passages; null when it has none in memory.</summary>
    public SimilarDocuments Similar(string documentId, int limit)
    {
        if (sync.Unavailable is { } unavailable)
        {
            return new SimilarDocuments(documentId, [], new SemanticStatus(false, unavailable, 0));
        }

        if (index.Centroid(documentId) is not { } centroid)
        {
            return new SimilarDocuments(documentId, [], new SemanticStatus(true, "This document has no embeddings (yet).", 1));
        }

        var results = index.Search(centroid, limit, excludeDocumentId: documentId)
            .Select(m => new SimilarDocument(m.Document.Id, m.Document.Title, m.Document.Author, m.Document.Year, m.Document.Category,
                m.Document.Language, m.Document.Path, Math.Round(m.Score, 4), m.Page))
            .ToList();
        return new SimilarDocuments(documentId, results, new SemanticStatus(true, null, 0));
    }

    private async Task<(float[]? Vector, string? Unavailable)> EmbedQueryAsync(string query, CancellationToken cancellationToken)
    {
        if (sync.Unavailable is { } unavailable)
        {
            return (null, unavailable);
        }

        var text = embedding.Value.EffectiveQueryPrefix + (query.Length > MaxQueryChars ? query[..MaxQueryChars] : query);
        try
        {
            var vector = (await generator.GenerateVectorAsync(text, cancellationToken: cancellationToken)).ToArray();
            if (vector.Length != index.Dimensions)
            {
                return (null, $"The embedding model answers {vector.Length} dimensions; the passages have {index.Dimensions}.");
            }

            VectorCodec.Normalize(vector);
            return (vector, null);
        }
        catch (EmbeddingModelUnavailableException e)
        {
            return (null, e.Message);
        }
    }

    private static bool Matches(VectorDocument document, SearchRequest request) =>
        (request.Author is null || string.Equals(document.Author, request.Author, StringComparison.OrdinalIgnoreCase))
        && (request.Category is null || string.Equals(document.Category, request.Category, StringComparison.OrdinalIgnoreCase))
        && (request.Year is null || document.Year == request.Year)
        && (request.Language is null || string.Equals(document.Language, request.Language, StringComparison.OrdinalIgnoreCase));

    private static SearchHit Hit(Candidate c, IReadOnlyDictionary<long, string> texts)
    {
        var passage = c.Semantic is { } match && texts.TryGetValue(match.PassageId, out var text)
            ? new[] { new SearchSnippet(match.Page, WebUtility.HtmlEncode(text)) }
            : [];
        var words = c.Keyword?.Snippets ?? [];
        // One snippet a page: where the words matched on the passage's page too, their highlighted snippet says it.
        passage = passage.Where(p => words.All(w => w.Page != p.Page)).ToArray();
        // The ranking that placed the document higher shows its snippet first.
        var meaningFirst = c.SemanticRank is { } s && (c.KeywordRank is not { } r || s < r);
        var snippets = (meaningFirst ? passage.Concat(words) : words.Concat(passage)).Take(SnippetsPerHit).ToList();

        var score = Math.Round(c.Score, 6);
        return c.Keyword is { } k
            ? k with { Score = score, Snippets = snippets }
            : new SearchHit(c.Id, c.Semantic!.Document.Title, c.Author, c.Year, c.Category, c.Language, c.Semantic.Document.PageCount,
                c.Semantic.Document.Path, score, snippets);
    }

    private static IEnumerable<Candidate> Sort(IEnumerable<Candidate> candidates, SearchSort sort) => sort switch
    {
        SearchSort.Title => candidates.OrderBy(c => c.Title, StringComparer.CurrentCultureIgnoreCase).ThenBy(c => c.Path, StringComparer.Ordinal),
        SearchSort.Author => candidates.OrderBy(c => c.Author, StringComparer.CurrentCultureIgnoreCase).ThenBy(c => c.Title, StringComparer.CurrentCultureIgnoreCase),
        SearchSort.Year => candidates.OrderByDescending(c => c.Year ?? int.MinValue).ThenBy(c => c.Title, StringComparer.CurrentCultureIgnoreCase),
        _ => candidates.OrderByDescending(c => c.Score).ThenBy(c => c.KeywordRank ?? int.MaxValue).ThenBy(c => c.SemanticRank ?? int.MaxValue),
    };

    private static List<FacetValue> Facet(List<Candidate> candidates, Func<Candidate, string?> key) =>
        candidates.Select(key).OfType<string>()
            .GroupBy(v => v, StringComparer.OrdinalIgnoreCase)
            .Select(g => new FacetValue(g.Key, g.Count()))
            .OrderByDescending(f => f.Count).ThenBy(f => f.Value, StringComparer.OrdinalIgnoreCase)
            .Take(FacetSize)
            .ToList();

    private static SearchResponse FromKeyword(SearchResults results, SemanticStatus status) =>
        new(results.Total, results.Page, results.PageSize, results.Results, results.Facets, Name(SearchMode.Keyword), status, results.TotalIsExact);

    private static string Name(SearchMode mode) => mode.ToString().ToLowerInvariant();

    private sealed class Candidate(string id)
    {
        public string Id { get; } = id;
        public SearchHit? Keyword { get; init; }
        public int? KeywordRank { get; init; }
        public VectorMatch? Semantic { get; set; }
        public int? SemanticRank { get; set; }
        public double Score { get; set; }

        public string Title => Keyword?.Title ?? Semantic!.Document.Title;
        public string Path => Keyword?.Path ?? Semantic!.Document.Path;
        public string? Author => Keyword is { } k ? k.Author : Semantic!.Document.Author;
        public string? Category => Keyword is { } k ? k.Category : Semantic!.Document.Category;
        public int? Year => Keyword is { } k ? k.Year : Semantic!.Document.Year;
        public string? Language => Keyword is { } k ? k.Language : Semantic!.Document.Language;
    }
}
