using System.Data.Common;
using System.Globalization;
using System.Text;

namespace Aithena.Catalog;

/// <summary>
/// What both engines' searches share: the limits, the one-statement result shape (total, facets and the page of hits
/// in one round trip) and the HTML-safe highlighting of snippets.
/// </summary>
public static class CatalogSearch
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    public const int FacetSize = 20;
    public const int SnippetsPerHit = 3;

    /// <summary>
    /// How many matches one search looks at: matching pages with a query, documents without one. Up to it the total and the
    /// facets are exact; past it they count these first matches, the ranking orders them, and the answer says
    /// <see cref="SearchResults.TotalIsExact"/> false. This is what keeps a search for a word on every page of a million from
    /// costing time and memory in proportion to the library.
    /// </summary>
    public const int MatchCap = 1_000;

    // Control characters cannot occur in extracted text we store, so they mark the highlight safely
    // until the snippet is HTML-encoded; then they become <mark> tags.
    internal const char MarkStart = '\u0002';
    internal const char MarkEnd = '\u0003';

    internal const string Total = "total";

    /// <summary>The facet fields, as the result kinds and the columns they count.</summary>
    internal static readonly string[] FacetColumns = ["author", "category", "year", "language"];

    /// <summary>
    /// Reads the rows of a search statement: <c>kind, value, n</c> for the total (value: matches looked at) and each
    /// facet, then <c>kind 'hit'</c> rows with the document columns, their order and their matched pages (best first,
    /// comma-separated; NULL without a query).
    /// </summary>
    internal static async Task<Found> ReadAsync(
        DbDataReader reader, bool hasQuery, Func<double, double> score, CancellationToken cancellationToken)
    {
        var total = 0;
        var exact = true;
        var facets = FacetColumns.Concat(DocumentGroupSearch.FacetKinds).ToDictionary(f => f, _ => new List<FacetValue>());
        var hits = new List<(long Order, SearchHit Hit)>();
        var bestPages = new Dictionary<string, int[]>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var kind = reader.GetString(0);
            if (kind == Total)
            {
                total = Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture);
                exact = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture) <= MatchCap;
                total = Math.Min(total, MatchCap);
            }
            else if (kind == "hit")
            {
                hits.Add((Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture), new SearchHit(
                    reader.GetString(3), reader.GetString(4), NullableString(reader, 5), NullableInt(reader, 6), NullableString(reader, 7),
                    NullableString(reader, 8), NullableInt(reader, 9), reader.GetString(10),
                    hasQuery && !reader.IsDBNull(11) ? Math.Round(score(Convert.ToDouble(reader.GetValue(11), CultureInfo.InvariantCulture)), 4) : null,
                    [])));
                if (!reader.IsDBNull(12))
                {
                    bestPages[reader.GetString(3)] = reader.GetString(12).Split(',')
                        .Take(SnippetsPerHit).Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
                }
            }
            else if (!reader.IsDBNull(1))
            {
                facets[kind].Add(new FacetValue(Convert.ToString(reader.GetValue(1), CultureInfo.InvariantCulture)!,
                    Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture),
                    DocumentGroupSearch.FacetKinds.Contains(kind) ? reader.GetString(3) : null));
            }
        }

        static List<FacetValue> Ordered(List<FacetValue> values) =>
            values.OrderByDescending(f => f.Count).ThenBy(f => f.Label ?? f.Value, StringComparer.OrdinalIgnoreCase).ToList();
        return new Found(total, exact,
            new SearchFacets(Ordered(facets["author"]), Ordered(facets["category"]), Ordered(facets["year"]), Ordered(facets["language"]),
                Ordered(facets[DocumentGroupSearch.CollectionFacet]), Ordered(facets[DocumentGroupSearch.TagFacet])),
            hits.OrderBy(h => h.Order).Select(h => h.Hit).ToList(), bestPages);
    }

    /// <summary>What a search statement found: the page of hits, and for each hit its matched pages, best first.</summary>
    internal sealed record Found(int Total, bool Exact, SearchFacets Facets, List<SearchHit> Hits, IReadOnlyDictionary<string, int[]> BestPages);

    /// <summary>Each returned document's snippets, one per page in its best pages' order (<see cref="PageSnippet"/>).</summary>
    internal static Dictionary<string, List<SearchSnippet>> MakeSnippets(
        IEnumerable<(string DocumentId, int Page, string Text)> pages, IReadOnlyDictionary<string, int[]> bestPages, SearchQuery query) =>
        pages.GroupBy(p => p.DocumentId).ToDictionary(
            document => document.Key,
            document => document
                .OrderBy(p => Array.IndexOf(bestPages[document.Key], p.Page))
                .Select(p => new SearchSnippet(p.Page, Highlight(PageSnippet.Make(p.Text, query))))
                .ToList());

    /// <summary>HTML-encodes extracted text (a PDF may contain markup) and turns the match markers into &lt;mark&gt;.</summary>
    internal static string Highlight(string snippet)
    {
        var builder = new StringBuilder(snippet.Length + 32);
        foreach (var c in snippet)
        {
            builder.Append(c switch
            {
                MarkStart => "<mark>",
                MarkEnd => "</mark>",
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }

    /// <summary>The rows before a page, in 64 bits: <c>(page - 1) * pageSize</c> overflows an int for a page past about 21 million, and a negative offset showed page 1 labelled as the page asked for.</summary>
    public static long Offset(int page, int pageSize) => (long)(page - 1) * pageSize;

    internal static SearchQuery? Parse(SearchRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Query))
        {
            return null;
        }

        return SearchQuery.TryParse(request.Query, out var query, out var error) ? query : throw new InvalidSearchQueryException(error);
    }

    private static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static int? NullableInt(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Convert.ToInt32(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
}
