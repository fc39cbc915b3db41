namespace Aithena.Benchmarks;

/// <summary>
/// A synthetic library for the search benchmark, the same for every run and engine (fixed seed): documents of a fixed
/// number of pages, each page a run of words drawn from a Zipf distribution (exponent 1, as word frequencies in natural
/// text) over a vocabulary of pseudo-words, authors, categories, years and languages drawn likewise.
/// </summary>
public sealed class SearchCorpus
{
    public const int VocabularySize = 50_000;
    public const int WordsPerPage = 150;

    private readonly string[] _words;
    private readonly double[] _cumulative;
    private readonly string[] _authors;
    private readonly double[] _authorCumulative;

    public SearchCorpus()
    {
        var random = new Random(20261125);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        _words = new string[VocabularySize];
        for (var i = 0; i < VocabularySize; i++)
        {
            string word;
            do
            {
                word = PseudoWord(random, 3 + random.Next(8));
            }
            while (!seen.Add(word));
            _words[i] = word;
        }

        _cumulative = Cumulative(VocabularySize);
        _authors = Enumerable.Range(0, 2_000).Select(i => $"{PseudoWord(random, 5)} {PseudoWord(random, 7)}").ToArray();
        _authorCumulative = Cumulative(_authors.Length);
    }

    /// <summary>The word of a frequency rank (1 = the most frequent).</summary>
    public string Word(int rank) => _words[rank - 1];

    public string Author(int rank) => _authors[rank - 1];

    /// <summary>The pages of document <paramref name="index"/>: deterministic, so a rebuilt catalog is the same catalog.</summary>
    public (string Author, int Year, string Category, string Language, string[] Pages) Document(int index, int pages)
    {
        var random = new Random(index * 7919 + 17);
        var text = new string[pages];
        var builder = new System.Text.StringBuilder(WordsPerPage * 8);
        for (var p = 0; p < pages; p++)
        {
            builder.Clear();
            for (var w = 0; w < WordsPerPage; w++)
            {
                builder.Append(_words[Draw(random, _cumulative)]).Append(w % 12 == 11 ? ". " : " ");
            }

            text[p] = builder.ToString();
        }

        return (_authors[Draw(random, _authorCumulative)], 1900 + random.Next(125), Categories[random.Next(Categories.Length)],
            Languages[Draw(random, LanguageCumulative)], text);
    }

    private static readonly string[] Categories = ["science", "history", "fiction", "law", "medicine", "art", "engineering", "music"];
    private static readonly string[] Languages = ["en", "es", "fr", "de", "it", "pt"];
    private static readonly double[] LanguageCumulative = Cumulative(Languages.Length);

    private static int Draw(Random random, double[] cumulative)
    {
        var index = Array.BinarySearch(cumulative, random.NextDouble());
        return Math.Min(index < 0 ? ~index : index, cumulative.Length - 1);
    }

    private static double[] Cumulative(int count)
    {
        var weights = Enumerable.Range(1, count).Select(rank => 1.0 / rank).ToArray();
        var total = weights.Sum();
        var cumulative = new double[count];
        var sum = 0.0;
        for (var i = 0; i < count; i++)
        {
            sum += weights[i] / total;
            cumulative[i] = sum;
        }

        return cumulative;
    }

    private static string PseudoWord(Random random, int length)
    {
        const string consonants = "bcdfghjklmnprstvz";
        const string vowels = "aeiou";
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = i % 2 == 0 ? consonants[random.Next(consonants.Length)] : vowels[random.Next(vowels.Length)];
        }

        return new string(chars);
    }
}
