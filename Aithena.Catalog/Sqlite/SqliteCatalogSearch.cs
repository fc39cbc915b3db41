using Microsoft.Data.Sqlite;

namespace Aithena.Catalog;

/// <summary>
/// Search in SQLite's FTS5: BM25 per page, the best page ranking its document, and the total, the facet counts and the
/// requested page of hits computed by one statement in the database, over at most <see cref="CatalogSearch.MatchCap"/>
/// matches, so neither time nor memory grows with the library. Snippets are made for the returned documents only.
/// </summary>
public sealed class SqliteCatalogSearch(SqliteCatalogDatabase database) : ICatalogSearch
{
    /// <summary>Only the filters asked for: "$x IS NULL OR ..." would keep SQLite from using the documents' indexes.</summary>
    private static string Filters(SearchRequest request) => string.Join(" AND ", new[]
    {
        "d.status = 'indexed'",
        request.Author is null ? null : "d.author = $author COLLATE NOCASE",
        request.Category is null ? null : "d.category = $category COLLATE NOCASE",
        request.Year is null ? null : "d.year = $year",
        request.Language is null ? null : "d.language = $language COLLATE NOCASE",
    }.OfType<string>());

    private const string Columns = "d.id, COALESCE(d.title, d.file_name) AS title, d.author, d.year, d.category, d.language, d.page_count, d.path";

    public async Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        var query = CatalogSearch.Parse(request);
        var match = query is null ? null : FtsQuery.Render(query);
        var sort = request.Sort ?? (query is null ? SearchSort.Title : SearchSort.Relevance);

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command(Statement(match is not null, sort, request))
            .With("$match", match).With("$author", request.Author).With("$category", request.Category)
            .With("$year", request.Year).With("$language", request.Language)
            .With("$cap", CatalogSearch.MatchCap + 1).With("$limit", request.PageSize).With("$offset", (request.Page - 1) * request.PageSize);
        (int Total, bool Exact, SearchFacets Facets, List<SearchHit> Hits) found;
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            // bm25() is lower for better matches; the answer's score is higher for better ones.
            found = await CatalogSearch.ReadAsync(reader, match is not null, s => -s, cancellationToken);
        }
        catch (SqliteException e) when (e.Message.Contains("fts5", StringComparison.OrdinalIgnoreCase))
        {
            // SearchQuery should make this unreachable; if the engine still disagrees, it is the query's fault, not a server error.
            throw new InvalidSearchQueryException("The search engine could not read this query.");
        }

        var snippets = query is null || found.Hits.Count == 0
            ? []
            : await FindSnippetsAsync(connection, match!, query, found.Hits.Select(h => h.Id).ToList(), cancellationToken);
        var hits = found.Hits.Select(h => h with { Snippets = snippets.GetValueOrDefault(h.Id) ?? [] }).ToList();
        return new SearchResults(found.Total, request.Page, request.PageSize, hits, found.Facets, found.Exact);
    }

    /// <summary>
    /// One statement: <c>matched</c> holds the documents of the first matches (capped), and the result is its count, its
    /// facet counts and the requested page. With a query the pages come from the FTS5 index (CROSS JOIN keeps it the
    /// driving table); without one the page is read in the order of the documents' title index, beyond the cap too.
    /// </summary>
    private static string Statement(bool hasQuery, SearchSort sort, SearchRequest request)
    {
        var filters = Filters(request);
        // The FTS5 match drives and stops at the cap (CROSS JOIN fixes the order). Driving from the documents' index for a
        // selective filter was measured slower: FTS5 re-reads a term's whole posting list for each rowid it is asked about.
        const string from = "pages_fts CROSS JOIN pages p ON p.id = pages_fts.rowid CROSS JOIN documents d ON d.id = p.document_id";
        var order = sort switch
        {
            SearchSort.Title => "title COLLATE NOCASE, path",
            SearchSort.Author => "author COLLATE NOCASE, title COLLATE NOCASE, path",
            SearchSort.Year => "year DESC, title COLLATE NOCASE, path",
            _ => "score, path",
        };
        var cte = hasQuery
            ? $"""
               WITH hits AS MATERIALIZED (
                   SELECT p.document_id AS document_id, bm25(pages_fts) AS score
                   FROM {from}
                   WHERE pages_fts MATCH $match AND {filters}
                   LIMIT $cap
               ),
               matched AS MATERIALIZED (
                   SELECT {Columns}, h.score AS score
                   FROM (SELECT document_id, MIN(score) AS score FROM hits GROUP BY document_id) h JOIN documents d ON d.id = h.document_id
               )
               """
            : $"""
               WITH matched AS MATERIALIZED (
                   SELECT {Columns}, NULL AS score FROM documents d WHERE {filters} LIMIT $cap
               )
               """;
        var scanned = hasQuery ? "(SELECT COUNT(*) FROM hits)" : "COUNT(*)";
        var pageSource = hasQuery
            ? $"SELECT * FROM matched ORDER BY {order} LIMIT $limit OFFSET $offset"
            : $"SELECT {Columns}, NULL AS score FROM documents d WHERE {filters} ORDER BY {order} LIMIT $limit OFFSET $offset";
        var facets = string.Join("\n", CatalogSearch.FacetColumns.Select(column =>
        {
            var group = column == "year" ? column : column + " COLLATE NOCASE";
            return $"""
                    UNION ALL SELECT * FROM (
                        SELECT '{column}', MIN({column}), COUNT(*) AS n, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
                        FROM matched WHERE {column} IS NOT NULL GROUP BY {group} ORDER BY n DESC, MIN({group}) LIMIT {CatalogSearch.FacetSize})
                    """;
        }));
        return $"""
                {cte}
                SELECT '{CatalogSearch.Total}', {scanned}, COUNT(*), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM matched
                {facets}
                UNION ALL SELECT 'hit', NULL, ROW_NUMBER() OVER (ORDER BY {order}), id, title, author, year, category, language, page_count, path, score
                FROM ({pageSource})
                """;
    }

    private static async Task<Dictionary<string, List<SearchSnippet>>> FindSnippetsAsync(
        SqliteConnection connection, string match, SearchQuery query, List<string> ids, CancellationToken cancellationToken)
    {
        var hasCjk = query.Wanted.Any(c => CjkText.SplitQueryTerm(c.Term.Text).Bigrams.Count > 0);
        // Each document's pages are one range of rowids (written in one transaction), and FTS5 seeks a rowid range in its
        // posting lists: snippets cost the returned documents' pages, not every match of the query. (Joined by rowid
        // equality instead, FTS5 re-reads the whole posting list for each page.)
        var ranges = new Dictionary<string, (long First, long Last)>();
        var names = ids.Select((_, i) => "$d" + i).ToList();
        await using (var bounds = connection.Command(
            $"SELECT document_id, MIN(id), MAX(id) FROM pages WHERE document_id IN ({string.Join(", ", names)}) GROUP BY document_id"))
        {
            for (var i = 0; i < ids.Count; i++)
            {
                bounds.With(names[i], ids[i]);
            }

            await using var rows = await bounds.ExecuteReaderAsync(cancellationToken);
            while (await rows.ReadAsync(cancellationToken))
            {
                ranges[rows.GetString(0)] = (rows.GetInt64(1), rows.GetInt64(2));
            }
        }

        if (ranges.Count == 0)
        {
            return [];
        }

        var branches = ranges.Keys.Select((_, i) =>
            $"""
             SELECT * FROM (
                 SELECT p.document_id, p.page, snippet(pages_fts, 0, char(2), char(3), '…', 16), {(hasCjk ? "p.text" : "NULL")}
                 FROM pages_fts JOIN pages p ON p.id = pages_fts.rowid
                 WHERE pages_fts MATCH $match AND pages_fts.rowid BETWEEN $first{i} AND $last{i} AND p.document_id = $doc{i}
                 ORDER BY bm25(pages_fts), p.page LIMIT {CatalogSearch.SnippetsPerHit})
             """);
        await using var command = connection.Command(string.Join("\nUNION ALL\n", branches)).With("$match", match);
        var n = 0;
        foreach (var (id, (first, last)) in ranges)
        {
            command.With("$first" + n, first).With("$last" + n, last).With("$doc" + n, id);
            n++;
        }

        var snippets = new Dictionary<string, List<SearchSnippet>>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var list = snippets.TryGetValue(reader.GetString(0), out var l) ? l : snippets[reader.GetString(0)] = [];
            if (list.Count < CatalogSearch.SnippetsPerHit)
            {
                var snippet = reader.GetString(2);
                if (hasCjk && !snippet.Contains(CatalogSearch.MarkStart) && CatalogSearch.CjkSnippet(reader.GetString(3), query) is { } cjk)
                {
                    snippet = cjk;
                }

                list.Add(new SearchSnippet(reader.GetInt32(1), CatalogSearch.Highlight(snippet)));
            }
        }

        return snippets;
    }
}
