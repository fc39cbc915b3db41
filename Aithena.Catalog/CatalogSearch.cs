using System.Text;
using Microsoft.Data.Sqlite;

namespace Aithena.Catalog;

/// <summary>
/// Full-text search over indexed documents: BM25 ranking per page, the best page ranking its document,
/// facet counts over every match, and highlighted snippets that name their page.
/// </summary>
public sealed class CatalogSearch(CatalogDatabase database)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    private const int FacetSize = 20;
    private const int SnippetsPerHit = 3;

    // Control characters cannot occur in extracted text we store, so they mark the highlight safely
    // until the snippet is HTML-encoded; then they become <mark> tags.
    private const char MarkStart = '\u0002';
    private const char MarkEnd = '\u0003';

    public async Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        string? match = null;
        if (!string.IsNullOrWhiteSpace(request.Query))
        {
            if (!FtsQuery.TryParse(request.Query, out var query, out var error))
            {
                throw new InvalidSearchQueryException(error);
            }

            match = query;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        List<MatchRow> matches;
        try
        {
            matches = await FindMatchesAsync(connection, match, request, cancellationToken);
        }
        catch (SqliteException e) when (e.Message.Contains("fts5", StringComparison.OrdinalIgnoreCase))
        {
            // FtsQuery should make this unreachable; if the engine still disagrees, it is the query's fault, not a server error.
            throw new InvalidSearchQueryException("The search engine could not read this query.");
        }

        var facets = new SearchFacets(
            Facet(matches, m => m.Author),
            Facet(matches, m => m.Category),
            Facet(matches, m => m.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Facet(matches, m => m.Language));

        var sort = request.Sort ?? (match is null ? SearchSort.Title : SearchSort.Relevance);
        var page = Sort(matches, sort).Skip((request.Page - 1) * request.PageSize).Take(request.PageSize).ToList();
        var snippets = match is null || page.Count == 0
            ? []
            : await FindSnippetsAsync(connection, match, page.Select(p => p.Id).ToList(), cancellationToken);

        var hits = page.Select(m => new SearchHit(
            m.Id, m.Title, m.Author, m.Year, m.Category, m.Language, m.PageCount, m.Path,
            m.Score is { } s ? Math.Round(-s, 4) : null,
            snippets.GetValueOrDefault(m.Id) ?? [])).ToList();
        return new SearchResults(matches.Count, request.Page, request.PageSize, hits, facets);
    }

    private static async Task<List<MatchRow>> FindMatchesAsync(SqliteConnection connection, string? match, SearchRequest request, CancellationToken cancellationToken)
    {
        const string filters =
            """
            d.status = 'indexed'
            AND ($author IS NULL OR d.author = $author COLLATE NOCASE)
            AND ($category IS NULL OR d.category = $category COLLATE NOCASE)
            AND ($year IS NULL OR d.year = $year)
            AND ($language IS NULL OR d.language = $language COLLATE NOCASE)
            """;
        const string columns = "d.id, COALESCE(d.title, d.file_name), d.author, d.year, d.category, d.language, d.page_count, d.path";
        var sql = match is null
            ? $"SELECT {columns}, NULL FROM documents d WHERE {filters}"
            // bm25() only works in the query that does the MATCH, not inside an aggregate: rank the pages in a
            // materialised CTE first, then let each document's best page rank it.
            : $"""
               WITH hits AS MATERIALIZED (
                   SELECT rowid AS page_id, bm25(pages_fts) AS score FROM pages_fts WHERE pages_fts MATCH $match
               ),
               best AS (
                   SELECT p.document_id, MIN(h.score) AS score FROM hits h JOIN pages p ON p.id = h.page_id GROUP BY p.document_id
               )
               SELECT {columns}, best.score
               FROM best JOIN documents d ON d.id = best.document_id
               WHERE {filters}
               """;
        await using var command = connection.Command(sql)
            .With("$match", match).With("$author", request.Author).With("$category", request.Category)
            .With("$year", request.Year).With("$language", request.Language);
        var rows = new List<MatchRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new MatchRow(reader.GetString(0), reader.GetString(1), reader.GetNullableString(2), reader.GetNullableInt(3),
                reader.GetNullableString(4), reader.GetNullableString(5), reader.GetNullableInt(6), reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetDouble(8)));
        }

        return rows;
    }

    private static async Task<Dictionary<string, List<SearchSnippet>>> FindSnippetsAsync(
        SqliteConnection connection, string match, List<string> ids, CancellationToken cancellationToken)
    {
        var names = ids.Select((_, i) => "$d" + i).ToList();
        await using var command = connection.Command(
            $"""
             SELECT p.document_id, p.page, snippet(pages_fts, 0, char(2), char(3), '…', 16)
             FROM pages_fts JOIN pages p ON p.id = pages_fts.rowid
             WHERE pages_fts MATCH $match AND p.document_id IN ({string.Join(", ", names)})
             ORDER BY bm25(pages_fts)
             """).With("$match", match);
        for (var i = 0; i < ids.Count; i++)
        {
            command.With(names[i], ids[i]);
        }

        var snippets = new Dictionary<string, List<SearchSnippet>>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var list = snippets.TryGetValue(reader.GetString(0), out var l) ? l : snippets[reader.GetString(0)] = [];
            if (list.Count < SnippetsPerHit)
            {
                list.Add(new SearchSnippet(reader.GetInt32(1), Highlight(reader.GetString(2))));
            }
        }

        return snippets;
    }

    private static IEnumerable<MatchRow> Sort(List<MatchRow> rows, SearchSort sort) => sort switch
    {
        SearchSort.Title => rows.OrderBy(r => r.Title, StringComparer.CurrentCultureIgnoreCase).ThenBy(r => r.Path, StringComparer.Ordinal),
        SearchSort.Author => rows.OrderBy(r => r.Author, StringComparer.CurrentCultureIgnoreCase).ThenBy(r => r.Title, StringComparer.CurrentCultureIgnoreCase),
        SearchSort.Year => rows.OrderByDescending(r => r.Year ?? int.MinValue).ThenBy(r => r.Title, StringComparer.CurrentCultureIgnoreCase),
        _ => rows.OrderBy(r => r.Score ?? 0).ThenBy(r => r.Path, StringComparer.Ordinal),
    };

    private static List<FacetValue> Facet(List<MatchRow> rows, Func<MatchRow, string?> key) =>
        rows.Select(key).OfType<string>()
            .GroupBy(v => v, StringComparer.OrdinalIgnoreCase)
            .Select(g => new FacetValue(g.Key, g.Count()))
            .OrderByDescending(f => f.Count).ThenBy(f => f.Value, StringComparer.OrdinalIgnoreCase)
            .Take(FacetSize)
            .ToList();

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

    private sealed record MatchRow(
        string Id, string Title, string? Author, int? Year, string? Category, string? Language, int? PageCount, string Path, double? Score);
}
