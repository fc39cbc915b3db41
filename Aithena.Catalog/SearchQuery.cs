namespace Aithena.Catalog;

/// <summary>
/// What a person typed, parsed once and rendered for each engine (<see cref="FtsQuery"/> for SQLite's FTS5,
/// <see cref="TsQuery"/> for PostgreSQL): the wanted terms joined by <c>AND</c>/<c>OR</c>, and the excluded ones.
/// The renderings quote every term, and both are bound as parameters, so no user text is ever read as syntax or SQL.
/// </summary>
public sealed record SearchQuery(IReadOnlyList<SearchQuery.Clause> Wanted, IReadOnlyList<SearchQuery.Term> Excluded)
{
    public const int MaxLength = 500;

    /// <summary>A word or a phrase: its raw text (without quotes, <c>-</c> or <c>*</c>), whether it is a prefix, and whether it was quoted.</summary>
    public sealed record Term(string Text, bool Prefix, bool Quoted = false);

    /// <summary>A wanted term and how it joins the one before it: <c>AND</c> (also when nothing was written) or <c>OR</c>.</summary>
    public sealed record Clause(string Operator, Term Term);

    /// <summary>
    /// Understood: words (implicit AND), <c>"exact phrases"</c>, <c>prefix*</c>, <c>OR</c>, <c>AND</c>, <c>NOT word</c>,
    /// <c>-word</c> and <c>-"a phrase"</c>, which exclude wherever they stand (a query of exclusions alone is refused).
    /// Characters that carry no letter or digit are ignored.
    /// </summary>
    public static bool TryParse(string input, out SearchQuery query, out string error)
    {
        query = new SearchQuery([], []);
        error = "";
        if (input.Length > MaxLength)
        {
            error = $"The query is longer than {MaxLength} characters.";
            return false;
        }

        // A NUL ends the query for FTS5 and is refused by PostgreSQL in any text: say so instead of failing inside the engine.
        if (input.Any(c => char.IsControl(c) && !char.IsWhiteSpace(c)))
        {
            error = "The query contains a control character (such as NUL, %00); remove it.";
            return false;
        }

        var terms = new List<(string Op, Term Term)>();
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

                var phrase = input[(i + 1)..end];
                var prefix = end + 1 < input.Length && input[end + 1] == '*';
                i = end + (prefix ? 2 : 1);
                if (HasWord(phrase))
                {
                    terms.Add((pendingOp, new Term(phrase, prefix, Quoted: true)));
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
            var text = word.Trim('-', '*');
            if (HasWord(text))
            {
                terms.Add((negated ? "NOT" : pendingOp, new Term(text, isPrefix)));
            }

            pendingOp = "";
        }

        var wanted = terms.Where(t => t.Op != "NOT").Select(t => new Clause(t.Op is "OR" ? "OR" : "AND", t.Term)).ToList();
        if (terms.Count == 0)
        {
            error = "The query has no word to search for: it needs letters or digits (characters such as *, (, ' or % alone match nothing).";
            return false;
        }

        if (wanted.Count == 0)
        {
            // Nothing to exclude from: "everything but x" is not a search, and FTS5 cannot run "NOT x" alone.
            error = "The query has no word to search for, only words to exclude.";
            return false;
        }

        query = new SearchQuery(wanted, terms.Where(t => t.Op == "NOT").Select(t => t.Term).ToList());
        return true;
    }

    /// <summary>
    /// The words a search by meaning embeds: the wanted terms' text only, without minus signs, quotes, stars or
    /// operators, which an embedding model would read as words.
    /// </summary>
    public string MeaningText => string.Join(' ', Wanted.Select(c => c.Term.Text));

    /// <summary>
    /// Whether a search by meaning must be narrowed by the words: excluded terms must not occur, and a quoted phrase
    /// must (any one of them when the query says OR).
    /// </summary>
    public bool ConstrainsMeaning => Excluded.Count > 0 || Wanted.Any(c => c.Term.Quoted);

    private static bool HasWord(string text) => text.Any(char.IsLetterOrDigit);
}
