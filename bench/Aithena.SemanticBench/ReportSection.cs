namespace Aithena.SemanticBench;

/// <summary>One section of a Markdown report, rewritten on its own: the rest of the report stays as it was.</summary>
public static class ReportSection
{
    /// <summary>Puts <paramref name="section"/> in place of the report's section under <paramref name="heading"/>, or at its end.</summary>
    public static string Splice(string report, string heading, string section)
    {
        var start = report.IndexOf(heading, StringComparison.Ordinal);
        if (start < 0)
        {
            return report.TrimEnd() + "\n\n" + section;
        }

        var next = report.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
        return report[..start] + section + (next < 0 ? "" : "\n" + report[(next + 1)..]);
    }
}
