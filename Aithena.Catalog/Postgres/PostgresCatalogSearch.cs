using Npgsql;
using NpgsqlTypes;

namespace Aithena.Catalog;

/// <summary>
/// Search in PostgreSQL: the query as a <c>tsquery</c> (<see cref="TsQuery"/>, bound as a parameter) against each page's
/// <c>tsvector</c> through its GIN index, <c>ts_rank_cd</c> per page with the best page ranking its document, and the
/// total, the facet counts and the requested page of hits from one statement over at most
/// <see cref="CatalogSearch.MatchCap"/> matches. Snippets are made from the best matched pages of the returned documents
/// (<see cref="PageSnippet"/>), as SQLite's are, not by <c>ts_headline</c>, which re-parses each page.
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
        request.Collection is null ? null : DocumentGroupSearch.Filter("@collection::text"),
        request.Tag is null ? null : DocumentGroupSearch.Filter("@tag::text"),
    }.OfType<string>());

    private const string Columns = "d.id, COALESCE(d.title, d.file_name) AS title, d.author, d.year, d.category, d.language, d.page_count, d.path";

    public async Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        var query = CatalogSearch.Parse(request);
        var match = query is null ? null : TsQuery.Render(query);
        var sort = request.Sort ?? (query is null ? SearchSort.Title : SearchSort.Relevance);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(Statement(match is not null, sort, request), connection)
            .With("match", match).With("author", request.Author).With("category", request.Category)
            .With("year", request.Year).With("language", request.Language)
            .With("collection", request.Collection).With("tag", request.Tag)
            .With("cap", CatalogSearch.MatchCap + 1).With("limit", request.PageSize).With("offset", CatalogSearch.Offset(request.Page, request.PageSize));
        CatalogSearch.Found found;
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
            : CatalogSearch.MakeSnippets(await ReadPagesAsync(connection, found.BestPages, cancellationToken), found.BestPages, query);
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
                   SELECT p.document_id, p.page, ts_rank_cd(p.tsv, {Query}) AS score
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
        // The returned documents' matched pages, best first: the pages their snippets are made from.
        var pageSource = hasQuery
            ? $"""
               SELECT shown.*, (SELECT string_agg(h.page::text, ',' ORDER BY h.score DESC, h.page) FROM hits h WHERE h.document_id = shown.id) AS pages
               FROM (SELECT * FROM matched ORDER BY {order} LIMIT @limit OFFSET @offset) shown
               """
            : $"SELECT *, NULL::text AS pages FROM (SELECT {Columns}, NULL::float8 AS score FROM documents d WHERE {filters}) s ORDER BY {order} LIMIT @limit OFFSET @offset";
        var facets = string.Join("\n", CatalogSearch.FacetColumns.Select(column =>
        {
            var group = column == "year" ? column : $"lower({column})";
            return $"""
                    UNION ALL (
                        SELECT '{column}', MIN({column})::text, COUNT(*) AS n, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
                        FROM matched WHERE {column} IS NOT NULL GROUP BY {group} ORDER BY n DESC, MIN({group}) LIMIT {CatalogSearch.FacetSize})
                    """;
        }));
        return $"""
                {cte}
                SELECT '{CatalogSearch.Total}'::text, ({scanned})::text, COUNT(*), NULL::text, NULL::text, NULL::text, NULL::integer,
                       NULL::text, NULL::text, NULL::integer, NULL::text, NULL::float8, NULL::text
                FROM matched
                {facets}
                {DocumentGroupSearch.Facets(postgres: true)}
                UNION ALL
                SELECT 'hit', NULL, ROW_NUMBER() OVER (ORDER BY {order}), id, title, author, year, category, language, page_count, path, score, pages
                FROM ({pageSource}) page
                """;
    }

    public async Task<IReadOnlySet<string>> AllowedByWordsAsync(IReadOnlyCollection<string> documentIds, SearchQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await MeaningConstraint.AllowedAsync(documentIds, query, async (ids, terms) =>
        {
            await using var command = new NpgsqlCommand(
                $"SELECT DISTINCT p.document_id FROM pages p WHERE p.document_id = ANY(@ids) AND p.tsv @@ {Query}", connection)
                .With("match", TsQuery.Render(terms)).With("ids", ids.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
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
        NpgsqlConnection connection, IReadOnlyDictionary<string, int[]> bestPages, CancellationToken cancellationToken)
    {
        var shown = bestPages.SelectMany(b => b.Value.Select(page => (Id: b.Key, Page: page))).ToList();
        if (shown.Count == 0)
        {
            return [];
        }

        await using var command = new NpgsqlCommand(
                """
                SELECT p.document_id, p.page, p.text
                FROM unnest(@ids, @pages) AS shown (document_id, page) JOIN pages p ON p.document_id = shown.document_id AND p.page = shown.page
                """, connection)
            .With("ids", shown.Select(s => s.Id).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)
            .With("pages", shown.Select(s => s.Page).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer);
        var pages = new List<(string, int, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            pages.Add((reader.GetString(0), reader.GetInt32(1), reader.GetString(2)));
        }

        return pages;
    }
}
