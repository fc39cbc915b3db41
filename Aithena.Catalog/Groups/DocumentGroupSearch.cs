namespace Aithena.Catalog;

/// <summary>
/// What collections and tags add to both engines' search statements: a filter (membership, answered by the members'
/// primary key for each match) and a facet per kind counted over the capped matches (<c>matched</c>, at most
/// <see cref="CatalogSearch.MatchCap"/> documents, each an index lookup), whose rows carry the group's name as a label.
/// </summary>
internal static class DocumentGroupSearch
{
    public const string CollectionFacet = "collection";
    public const string TagFacet = "tag";

    public static readonly string[] FacetKinds = [CollectionFacet, TagFacet];

    /// <summary>
    /// The document <c>d</c> is in the group bound to <paramref name="parameter"/> (same SQL on both engines): one lookup
    /// of the members' primary key per match. Written as <c>d.id IN (SELECT ...)</c>, SQLite took 4 s for a word on
    /// every page of 10,000 documents filtered by a collection of 1,000 (this: see docs/COLLECTIONS.md).
    /// </summary>
    public static string Filter(string parameter) =>
        $"EXISTS (SELECT 1 FROM document_group_members WHERE group_id = {parameter} AND document_id = d.id)";

    /// <summary>
    /// The facet rows (<c>kind, group id, count, group name</c> and NULLs to the statement's 13 columns) as UNION ALL
    /// branches; SQLite needs each limited branch wrapped in a SELECT, PostgreSQL in parentheses.
    /// </summary>
    public static string Facets(bool postgres) => string.Join("\n", FacetKinds.Select(kind =>
    {
        var branch = $"""
                      SELECT '{kind}', g.id, COUNT(*) AS n, g.name, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
                      FROM matched m JOIN document_group_members gm ON gm.document_id = m.id JOIN document_groups g ON g.id = gm.group_id
                      WHERE g.kind = '{kind}'
                      GROUP BY g.id, g.name, g.name_key ORDER BY n DESC, g.name_key{(postgres ? " COLLATE \"C\"" : "")} LIMIT {CatalogSearch.FacetSize}
                      """;
        return postgres ? $"UNION ALL ({branch})" : $"UNION ALL SELECT * FROM ({branch})";
    }));
}
