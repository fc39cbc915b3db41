using System.Globalization;
using System.Text;

namespace Aithena.Benchmarks;

/// <summary>A Markdown document written piece by piece; sections write their own, and the run puts them together.</summary>
public sealed class Report
{
    private readonly StringBuilder _text = new();

    public Report Heading(string text, int level = 2)
    {
        _text.Append('\n').Append('#', level).Append(' ').Append(text).Append("\n\n");
        return this;
    }

    public Report Paragraph(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return this;
        }

        _text.Append(text.Trim()).Append("\n\n");
        return this;
    }

    public Report Bullets(IEnumerable<string> items)
    {
        foreach (var item in items)
        {
            _text.Append("- ").Append(item).Append('\n');
        }

        _text.Append('\n');
        return this;
    }

    public Report Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        _text.Append("| ").AppendJoin(" | ", headers).Append(" |\n");
        _text.Append('|').AppendJoin('|', headers.Select(_ => "---")).Append("|\n");
        foreach (var row in rows)
        {
            _text.Append("| ").AppendJoin(" | ", row.Select(cell => cell.Replace("|", "\\|", StringComparison.Ordinal))).Append(" |\n");
        }

        _text.Append('\n');
        return this;
    }

    public Report Append(Report other)
    {
        _text.Append(other._text);
        return this;
    }

    /// <summary>A section between markers, so a later run of that section alone can replace it (<see cref="ReplaceMarked"/>).</summary>
    public Report Marked(string key, Report section)
    {
        _text.Append($"\n<!-- section:{key} -->\n").Append(section._text).Append($"\n<!-- /section:{key} -->\n");
        return this;
    }

    /// <summary>The marked section <paramref name="key"/> of <paramref name="document"/> replaced, or appended when it has none.</summary>
    public static string ReplaceMarked(string document, string key, Report section)
    {
        var marked = new Report().Marked(key, section).ToString();
        var start = document.IndexOf($"<!-- section:{key} -->", StringComparison.Ordinal);
        var endMarker = $"<!-- /section:{key} -->";
        var end = start < 0 ? -1 : document.IndexOf(endMarker, start, StringComparison.Ordinal);
        return start < 0 || end < 0
            ? document.TrimEnd() + "\n\n" + marked
            : document[..start] + marked.TrimEnd('\n') + document[(end + endMarker.Length)..];
    }

    public override string ToString() => _text.ToString().TrimStart('\n');

    /// <summary>A number with the given decimals, invariant culture (a report reads the same on every machine).</summary>
    public static string N(double value, int decimals = 0) =>
        double.IsNaN(value) ? "n/a" : value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string Ms(double value) => N(value, value < 10 ? 2 : 1);

    public static string Ratio(double value) => double.IsNaN(value) || double.IsInfinity(value) ? "n/a" : N(value, 1) + "x";

    public static string Percent(double value) => double.IsNaN(value) ? "n/a" : N(value * 100, 0) + " %";
}

/// <summary>One of the targets the project set itself, with what was measured against it.</summary>
public sealed record TargetResult(string Target, string Measured, bool Met)
{
    public IReadOnlyList<string> Row => [Target, Measured, Met ? "yes" : "**no**"];
}
