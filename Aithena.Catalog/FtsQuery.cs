using System.Text;

namespace Aithena.Catalog;

/// <summary>
/// Renders a <see cref="SearchQuery"/> as an FTS5 query. Every word and phrase is re-quoted, so no character of user
/// text can be read as FTS5 syntax (or reach SQL: the result is a bound parameter). Chinese, Japanese and Korean text
/// is searched in the <c>cjk</c> column, as the phrase of its character bigrams (<see cref="CjkText"/>).
/// </summary>
public static class FtsQuery
{
    public const int MaxLength = SearchQuery.MaxLength;

    public static bool TryParse(string input, out string query, out string error)
    {
        query = "";
        if (!SearchQuery.TryParse(input, out var parsed, out error))
        {
            return false;
        }

        query = Render(parsed);
        return true;
    }

    public static string Render(SearchQuery query)
    {
        // FTS5's NOT is binary ("a NOT b") and binds tighter than AND and OR, so an exclusion written anywhere,
        // first included, applies to everything else the query asks for: (wanted) NOT x NOT y.
        var builder = new StringBuilder();
        foreach (var clause in query.Wanted)
        {
            if (builder.Length > 0)
            {
                builder.Append(' ').Append(clause.Operator).Append(' ');
            }

            builder.Append(Term(clause.Term));
        }

        if (query.Excluded.Count > 0)
        {
            if (query.Wanted.Count > 1)
            {
                builder.Insert(0, '(').Append(')');
            }

            foreach (var term in query.Excluded)
            {
                builder.Append(" NOT ").Append(Term(term));
            }
        }

        return builder.ToString();
    }

    private static string Term(SearchQuery.Term term)
    {
        var (rest, bigrams) = CjkText.SplitQueryTerm(term.Text);
        var parts = new List<string>();
        if (rest.Any(char.IsLetterOrDigit))
        {
            parts.Add(Quote(rest) + (term.Prefix && bigrams.Count == 0 ? "*" : ""));
        }

        if (bigrams.Count > 0)
        {
            parts.Add("cjk : " + Quote(string.Join(' ', bigrams)) + (term.Prefix || bigrams is [{ Length: 1 }] ? "*" : ""));
        }

        return parts.Count == 1 ? parts[0] : "(" + string.Join(" AND ", parts) + ")";
    }

    private static string Quote(string text) => "\"" + text.Replace("\"", "\"\"") + "\"";
}
