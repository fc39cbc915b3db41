namespace Aithena.Catalog;

/// <summary>
/// What the words of a query demand of the documents a search by meaning found (<see cref="SearchQuery.ConstrainsMeaning"/>):
/// none of the excluded terms, and the quoted phrases (all of them, or any one when the query says OR). The engines
/// answer "which of these documents have a page matching this term" (<paramref name="matching"/>), by the same
/// rendering of the term their keyword search uses, so a phrase or an exclusion means the same in every mode.
/// </summary>
public static class MeaningConstraint
{
    public static async Task<IReadOnlySet<string>> AllowedAsync(
        IReadOnlyCollection<string> documentIds, SearchQuery query,
        Func<IReadOnlyCollection<string>, SearchQuery, Task<HashSet<string>>> matching)
    {
        var allowed = new HashSet<string>(documentIds, StringComparer.Ordinal);
        if (allowed.Count == 0 || !query.ConstrainsMeaning)
        {
            return allowed;
        }

        var phrases = query.Wanted.Where(c => c.Term.Quoted).Select(c => c.Term).ToList();
        if (phrases.Count > 0)
        {
            var any = query.Wanted.Any(c => c.Operator == "OR");
            var found = new HashSet<string>(StringComparer.Ordinal);
            foreach (var phrase in phrases)
            {
                var having = await matching(allowed, Single(phrase));
                if (any)
                {
                    found.UnionWith(having);
                }
                else
                {
                    allowed.IntersectWith(having);
                }
            }

            if (any)
            {
                allowed.IntersectWith(found);
            }
        }

        if (query.Excluded.Count > 0 && allowed.Count > 0)
        {
            var excluded = new SearchQuery(query.Excluded.Select(t => new SearchQuery.Clause("OR", t)).ToList(), []);
            allowed.ExceptWith(await matching(allowed, excluded));
        }

        return allowed;
    }

    private static SearchQuery Single(SearchQuery.Term term) => new([new SearchQuery.Clause("AND", term)], []);
}
