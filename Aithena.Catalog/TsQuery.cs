using System.Text;

namespace Aithena.Catalog;

/// <summary>
/// Renders a <see cref="SearchQuery"/> as the text of a PostgreSQL <c>tsquery</c>, for <c>to_tsquery(config, $1)</c>:
/// every term is a quoted lexeme (quotes and backslashes escaped), so user text is never read as tsquery operators,
/// and the whole is a bound parameter, never part of the SQL. <c>to_tsquery</c> runs each quoted term through the
/// same parser and dictionaries as the pages, so a term of several tokens ("well-known", a phrase) becomes a
/// <c>&lt;-&gt;</c> phrase of them. CJK text becomes the phrase of its character bigrams (<see cref="CjkText"/>).
/// </summary>
public static class TsQuery
{
    public static string Render(SearchQuery query)
    {
        // Precedence is the same as FTS5's: ! binds tighter than &, & tighter than |.
        var builder = new StringBuilder();
        foreach (var clause in query.Wanted)
        {
            if (builder.Length > 0)
            {
                builder.Append(clause.Operator == "OR" ? " | " : " & ");
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
                builder.Append(" & !").Append(Term(term));
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
            parts.Add(Lexeme(rest) + (term.Prefix && bigrams.Count == 0 ? ":*" : ""));
        }

        if (bigrams.Count > 0)
        {
            var phrase = bigrams.Select(Lexeme).ToList();
            if (term.Prefix || bigrams is [{ Length: 1 }])
            {
                phrase[^1] += ":*";
            }

            parts.Add(phrase.Count == 1 ? phrase[0] : "(" + string.Join(" <-> ", phrase) + ")");
        }

        return parts.Count == 1 ? parts[0] : "(" + string.Join(" & ", parts) + ")";
    }

    /// <summary>A tsquery quoted lexeme: inside single quotes, a quote is doubled and a backslash escaped.</summary>
    private static string Lexeme(string text) => "'" + text.Replace("\\", "\\\\").Replace("'", "''") + "'";
}
