using Npgsql;
using NpgsqlTypes;

namespace Aithena.Catalog;

/// <summary>
/// Search in PostgreSQL: the query as a <c>tsquery</c> (<see cref="TsQuery"/>, bound as a parameter) against each page's
/// <c>tsvector</c> through its GIN index, <c>ts_rank_cd</c> per page with the best page ranking its document, and the
/// total, the facet counts and the requested page of hits from one statement over at most
/// <see cref="CatalogSearch.MatchCap"/> matches. <c>ts_headline</c>, which re-parses the text, runs only on the best
/// pages of the returned documents.
/// </summary>
public sealed class PostgresCatalogSearch(NpgsqlDataSource dataSource) : ICatalogSearch
{
    private const string Query = "to_tsquery('aithena', @match)";

    /// <summary>Only the filters asked for, each one an expression the documents' indexes answer.</summary>
    private static string Filters(SearchRequest request) => string.Join(" AND ", new[]
    {
        "d.status = 'indexed'",
        request.Author is null ? null : "lower(d.author) = lower(@author::text)",
        request.Category is null ? null : "lower(d.category) = lower(@category::text)",
        request.Year is null ? null : "d.year = @year::integer",
        request.Language is null ? null : "lower(d.language) = lower(@language::text)",
    }.OfType<string>());

    private const string Columns = "d.id, COALESCE(d.title, d.file_name) AS title, d.author, d.year, d.category, d.language, d.page_count, d.path";

    /// <summary>
    /// ts_headline's options, a parameter like the rest: the same control characters as SQLite's snippets mark the match
    /// until <see cref="CatalogSearch.Highlight"/> HTML-encodes the text and turns them into &lt;mark&gt;.
    /// </summary>
    private static readonly string HeadlineOptions =
        $"StartSel=\"{CatalogSearch.MarkStart}\", StopSel=\"{CatalogSearch.MarkEnd}\", MaxWords=24, MinWords=10, ShortWord=2";

    /// <summary>
    /// ts_headline drops whatever its parser reads as an HTML tag, where SQLite's snippet keeps it (to be HTML-encoded): angle
    /// brackets go in as two Unicode noncharacters, which no text carries, and come back out before encoding.
    /// </summary>
    private const string Brackets = "\uFDD0\uFDD1";

    public async Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        var query = CatalogSearch.Parse(request);
        var match = query is null ? null : TsQuery.Render(query);
        var sort = request.Sort ?? (query is null ? SearchSort.Title : SearchSort.Relevance);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(Statement(match is not null, sort, request), connection)
            .With("match", match).With("author", request.Author).With("category", request.Category)
            .With("year", request.Year).With("language", request.Language)
            .With("cap", CatalogSearch.MatchCap + 1).With("limit", request.PageSize).With("offset", (request.Page - 1) * request.PageSize);
        (int Total, bool Exact, SearchFacets Facets, List<SearchHit> Hits) found;
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            found = await CatalogSearch.ReadAsync(reader, match is not null, s => s, cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.SyntaxError && e.Routine?.Contains("tsquery", StringComparison.Ordinal) == true)
        {
            // TsQuery should make this unreachable; if the engine still disagrees, it is the query's fault, not a server error.
            throw new InvalidSearchQueryException("The search engine could not read this query.");
        }

        var snippets = query is null || found.Hits.Count == 0
            ? []
            : await FindSnippetsAsync(connection, match!, query, found.Hits.Select(h => h.Id).ToArray(), cancellationToken);
        var hits = found.Hits.Select(h => h with { Snippets = snippets.GetValueOrDefault(h.Id) ?? [] }).ToList();
        return new SearchResults(found.Total, request.Page, request.PageSize, hits, found.Facets, found.Exact);
    }

    /// <summary>The same shape as <see cref="SqliteCatalogSearch"/>'s statement: total and facets of the capped matches, then the page.</summary>
    private static string Statement(bool hasQuery, SearchSort sort, SearchRequest request)
    {
        var filters = Filters(request);
        var order = sort switch
        {
            SearchSort.Title => """lower(title) COLLATE "C", path COLLATE "C" """,
            SearchSort.Author => """lower(author) COLLATE "C" NULLS FIRST, lower(title) COLLATE "C", path COLLATE "C" """,
            SearchSort.Year => """year DESC NULLS LAST, lower(title) COLLATE "C", path COLLATE "C" """,
            _ => """score DESC NULLS LAST, path COLLATE "C" """,
        };
        // The candidates are taken from the GIN index before ranking, so ts_rank_cd (which reads each page's tsvector)
        // runs on at most the cap, never on every page of a common word.
        var cte = hasQuery
            ? $"""
               WITH hits AS MATERIALIZED (
                   SELECT p.document_id, ts_rank_cd(p.tsv, {Query}) AS score
                   FROM pages p JOIN documents d ON d.id = p.document_id
                   WHERE p.tsv @@ {Query} AND {filters}
                   LIMIT @cap
               ),
               matched AS MATERIALIZED (
                   SELECT {Columns}, h.score::float8 AS score
                   FROM (SELECT document_id, MAX(score) AS score FROM hits GROUP BY document_id) h JOIN documents d ON d.id = h.document_id
               )
               """
            : $"""
               WITH matched AS MATERIALIZED (
                   SELECT {Columns}, NULL::float8 AS score FROM documents d WHERE {filters} LIMIT @cap
               )
               """;
        var scanned = hasQuery ? "(SELECT COUNT(*) FROM hits)" : "COUNT(*)";
        var pageSource = hasQuery
            ? $"SELECT * FROM matched ORDER BY {order} LIMIT @limit OFFSET @offset"
            : $"SELECT * FROM (SELECT {Columns}, NULL::float8 AS score FROM documents d WHERE {filters}) s ORDER BY {order} LIMIT @limit OFFSET @offset";
        var facets = string.Join("\n", CatalogSearch.FacetColumns.Select(column =>
        {
            var group = column == "year" ? column : $"lower({column})";
            return $"""
                    UNION ALL (
                        SELECT '{column}', MIN({column})::text, COUNT(*) AS n, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
                        FROM matched WHERE {column} IS NOT NULL GROUP BY {group} ORDER BY n DESC, MIN({group}) LIMIT {CatalogSearch.FacetSize})
                    """;
        }));
        return $"""
                {cte}
                SELECT '{CatalogSearch.Total}'::text, ({scanned})::text, COUNT(*), NULL::text, NULL::text, NULL::text, NULL::integer,
                       NULL::text, NULL::text, NULL::integer, NULL::text, NULL::float8
                FROM matched
                {facets}
                UNION ALL
                SELECT 'hit', NULL, ROW_NUMBER() OVER (ORDER BY {order}), id, title, author, year, category, language, page_count, path, score
                FROM ({pageSource}) page
                """;
    }

    private static async Task<Dictionary<string, List<SearchSnippet>>> FindSnippetsAsync(
        NpgsqlConnection connection, string match, SearchQuery query, string[] ids, CancellationToken cancellationToken)
    {
        var hasCjk = query.Wanted.Any(c => CjkText.SplitQueryTerm(c.Term.Text).Bigrams.Count > 0);
        // Ranked first, headlined after: ts_headline runs on the best few pages of each returned document only.
        await using var command = new NpgsqlCommand(
            $"""
             WITH ranked AS (
                 SELECT p.document_id, p.page, p.text,
                        ROW_NUMBER() OVER (PARTITION BY p.document_id ORDER BY ts_rank_cd(p.tsv, {Query}) DESC, p.page) AS rn
                 FROM pages p
                 WHERE p.document_id = ANY (@ids) AND p.tsv @@ {Query}
             )
             SELECT document_id, page, ts_headline('aithena', translate(text, '<>', @brackets), {Query}, @options), {(hasCjk ? "text" : "NULL")}
             FROM ranked WHERE rn <= {CatalogSearch.SnippetsPerHit}
             ORDER BY document_id, rn
             """, connection)
            .With("match", match).With("options", HeadlineOptions).With("brackets", Brackets).With("ids", ids, NpgsqlDbType.Array | NpgsqlDbType.Text);
        var snippets = new Dictionary<string, List<SearchSnippet>>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var list = snippets.TryGetValue(reader.GetString(0), out var l) ? l : snippets[reader.GetString(0)] = [];
            var snippet = reader.GetString(2).Replace(Brackets[0], '<').Replace(Brackets[1], '>');
            if (hasCjk && !snippet.Contains(CatalogSearch.MarkStart) && CatalogSearch.CjkSnippet(reader.GetString(3), query) is { } cjk)
            {
                snippet = cjk;
            }

            list.Add(new SearchSnippet(reader.GetInt32(1), CatalogSearch.Highlight(snippet)));
        }

        return snippets;
    }
}
