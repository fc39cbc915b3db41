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
        request.Collection is null ? null : DocumentGroupSearch.Filter("$collection"),
        request.Tag is null ? null : DocumentGroupSearch.Filter("$tag"),
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
            .With("$collection", request.Collection).With("$tag", request.Tag)
            .With("$cap", CatalogSearch.MatchCap + 1).With("$limit", request.PageSize).With("$offset", CatalogSearch.Offset(request.Page, request.PageSize));
        CatalogSearch.Found found;
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            // The rank (BM25, Fts5Rank) is lower for better matches; the answer's score is higher for better ones.
            found = await CatalogSearch.ReadAsync(reader, match is not null, s => -s, cancellationToken);
        }
        catch (SqliteException e) when (e.Message.Contains("fts5", StringComparison.OrdinalIgnoreCase))
        {
            // SearchQuery should make this unreachable; if the engine still disagrees, it is the query's fault, not a server error.
            throw new InvalidSearchQueryException("The search engine could not read this query.");
        }

        var snippets = query is null || found.Hits.Count == 0
            ? []
            : CatalogSearch.MakeSnippets(await ReadPagesAsync(connection, found.BestPages, cancellationToken), found.BestPages, query);
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
        // The covering indexes hold all a match needs of its page and its document (SqliteCatalogSchema's last step).
        const string from = "pages_fts CROSS JOIN pages p INDEXED BY ix_pages_id_document ON p.id = pages_fts.rowid " +
                            "CROSS JOIN documents d INDEXED BY ix_documents_id_filters ON d.id = p.document_id";
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
                   SELECT p.document_id AS document_id, p.page AS page, {Fts5Rank.Name}(pages_fts, (SELECT MAX(id) FROM pages)) AS score
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
        // The returned documents' matched pages, best first: the pages their snippets are made from.
        var pageSource = hasQuery
            ? $"""
               SELECT shown.*, (SELECT group_concat(h.page, ',' ORDER BY h.score, h.page) FROM hits h WHERE h.document_id = shown.id) AS pages
               FROM (SELECT * FROM matched ORDER BY {order} LIMIT $limit OFFSET $offset) shown
               """
            : $"SELECT {Columns}, NULL AS score, NULL AS pages FROM documents d WHERE {filters} ORDER BY {order} LIMIT $limit OFFSET $offset";
        var facets = string.Join("\n", CatalogSearch.FacetColumns.Select(column =>
        {
            var group = column == "year" ? column : column + " COLLATE NOCASE";
            return $"""
                    UNION ALL SELECT * FROM (
                        SELECT '{column}', MIN({column}), COUNT(*) AS n, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
                        FROM matched WHERE {column} IS NOT NULL GROUP BY {group} ORDER BY n DESC, MIN({group}) LIMIT {CatalogSearch.FacetSize})
                    """;
        }));
        return $"""
                {cte}
                SELECT '{CatalogSearch.Total}', {scanned}, COUNT(*), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM matched
                {facets}
                {DocumentGroupSearch.Facets(postgres: false)}
                UNION ALL SELECT 'hit', NULL, ROW_NUMBER() OVER (ORDER BY {order}), id, title, author, year, category, language, page_count, path, score, pages
                FROM ({pageSource})
                """;
    }

    public async Task<IReadOnlySet<string>> AllowedByWordsAsync(IReadOnlyCollection<string> documentIds, SearchQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await MeaningConstraint.AllowedAsync(documentIds, query, async (ids, terms) =>
        {
            await using var command = connection.Command(
                """
                SELECT DISTINCT p.document_id FROM pages_fts CROSS JOIN pages p ON p.id = pages_fts.rowid
                WHERE pages_fts MATCH $match AND p.document_id IN (SELECT value FROM json_each($ids))
                """)
                .With("$match", FtsQuery.Render(terms)).With("$ids", System.Text.Json.JsonSerializer.Serialize(ids));
            var found = new HashSet<string>(StringComparer.Ordinal);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                found.Add(reader.GetString(0));
            }

            return found;
        });
    }

    /// <summary>The text of the pages the snippets are made from, by document and page (each one an index lookup).</summary>
    private static async Task<List<(string DocumentId, int Page, string Text)>> ReadPagesAsync(
        SqliteConnection connection, IReadOnlyDictionary<string, int[]> bestPages, CancellationToken cancellationToken)
    {
        var shown = bestPages.Where(b => b.Value.Length > 0).ToList();
        if (shown.Count == 0)
        {
            return [];
        }

        // One branch per document, each answered by the (document_id, page) index; an OR of them could scan the table.
        await using var command = connection.Command(string.Join("\nUNION ALL\n", shown.Select((b, i) =>
            $"SELECT document_id, page, text FROM pages WHERE document_id = $d{i} AND page IN ({string.Join(", ", b.Value.Select((_, k) => $"$p{i}_{k}"))})")));
        for (var i = 0; i < shown.Count; i++)
        {
            command.With("$d" + i, shown[i].Key);
            for (var k = 0; k < shown[i].Value.Length; k++)
            {
                command.With($"$p{i}_{k}", shown[i].Value[k]);
            }
        }

        var pages = new List<(string, int, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            pages.Add((reader.GetString(0), reader.GetInt32(1), reader.GetString(2)));
        }

        return pages;
    }
}
