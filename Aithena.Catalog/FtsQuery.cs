using System.Text;

namespace Aithena.Catalog;

/// <summary>
/// Turns what a person types into a safe FTS5 query. Every word and phrase is re-quoted, so no
/// character of user text can be read as FTS5 syntax (or reach SQL: the result is a bound parameter).
/// Understood: words (implicit AND), <c>"exact phrases"</c>, <c>prefix*</c>, <c>OR</c>, <c>AND</c>,
/// <c>NOT word</c>, <c>-word</c> and <c>-"a phrase"</c>, which exclude wherever they stand (a query of exclusions
/// alone is refused). Characters that carry no letter or digit are ignored.
/// </summary>
public static class FtsQuery
{
    public const int MaxLength = 500;

    public static bool TryParse(string input, out string query, out string error)
    {
        query = "";
        error = "";
        if (input.Length > MaxLength)
        {
            error = $"The query is longer than {MaxLength} characters.";
            return false;
        }

        var terms = new List<(string Op, string Term)>();
        var pendingOp = "";
        var i = 0;
        while (i < input.Length)
        {
            var c = input[i];
            if (char.IsWhiteSpace(c) || c is '(' or ')')
            {
                i++;
                continue;
            }

            if (c == '"')
            {
                var end = input.IndexOf('"', i + 1);
                if (end < 0)
                {
                    error = "The query has an opening quote (\") without a closing one.";
                    return false;
                }

                var phrase = Quote(input[(i + 1)..end]);
                var prefix = end + 1 < input.Length && input[end + 1] == '*';
                i = end + (prefix ? 2 : 1);
                if (phrase is not null)
                {
                    terms.Add((pendingOp, prefix ? phrase + "*" : phrase));
                }

                pendingOp = "";
                continue;
            }

            var start = i;
            while (i < input.Length && !char.IsWhiteSpace(input[i]) && input[i] is not '"' and not '(' and not ')')
            {
                i++;
            }

            var word = input[start..i];
            if (word is "AND" or "OR" or "NOT" || (word == "-" && i < input.Length && input[i] == '"'))
            {
                // -"a phrase" excludes the phrase, as -word excludes the word.
                pendingOp = word == "-" ? "NOT" : word;
                continue;
            }

            var negated = word.StartsWith('-');
            var isPrefix = word.EndsWith('*');
            var quoted = Quote(word.Trim('-', '*'));
            if (quoted is not null)
            {
                terms.Add((negated ? "NOT" : pendingOp, isPrefix ? quoted + "*" : quoted));
            }

            pendingOp = "";
        }

        // FTS5's NOT is binary ("a NOT b") and binds tighter than AND and OR, so an exclusion written anywhere,
        // first included, applies to everything else the query asks for: (wanted) NOT x NOT y.
        var builder = new StringBuilder();
        var wanted = terms.Where(t => t.Op != "NOT").ToList();
        foreach (var (op, term) in wanted)
        {
            if (builder.Length > 0)
            {
                builder.Append(' ').Append(op is "" ? "AND" : op).Append(' ');
            }

            builder.Append(term);
        }

        if (builder.Length == 0)
        {
            // Nothing to exclude from: FTS5 cannot run "NOT x" alone, and "everything but x" is not a search.
            error = "The query has no word to search for, only words to exclude.";
            return false;
        }

        var excluded = terms.Where(t => t.Op == "NOT").Select(t => t.Term).ToList();
        if (excluded.Count > 0)
        {
            if (wanted.Count > 1)
            {
                builder.Insert(0, '(').Append(')');
            }

            foreach (var term in excluded)
            {
                builder.Append(" NOT ").Append(term);
            }
        }

        query = builder.ToString();
        return true;
    }

    /// <summary>A double-quoted FTS5 string, or null when the text has no letter or digit to match.</summary>
    private static string? Quote(string text)
    {
        if (!text.Any(char.IsLetterOrDigit))
        {
            return null;
        }

        return "\"" + text.Replace("\"", "\"\"") + "\"";
    }
}
