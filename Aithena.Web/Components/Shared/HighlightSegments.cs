using System.Net;

namespace Aithena.Web.Components.Shared;

/// <summary>
/// Reads the Api's snippets (HTML-escaped text in which only <c>&lt;mark&gt;</c> and <c>&lt;/mark&gt;</c> are markup)
/// into plain text runs, each marked or not. The page renders the runs as text, which Blazor escapes again: whatever
/// a PDF or a misbehaving Api put in a snippet, no markup but the highlight reaches the browser.
/// </summary>
public static class HighlightSegments
{
    private const string Open = "<mark>";
    private const string Close = "</mark>";

    public static IReadOnlyList<(string Text, bool Marked)> Parse(string? snippet)
    {
        var segments = new List<(string, bool)>();
        if (string.IsNullOrEmpty(snippet))
        {
            return segments;
        }

        var marked = false;
        var start = 0;
        var i = 0;
        while (i < snippet.Length)
        {
            var tag = snippet.AsSpan(i).StartsWith(Open, StringComparison.Ordinal) ? Open
                : snippet.AsSpan(i).StartsWith(Close, StringComparison.Ordinal) ? Close
                : null;
            if (tag is null)
            {
                i++;
                continue;
            }

            Add(segments, snippet[start..i], marked);
            marked = tag == Open;
            i += tag.Length;
            start = i;
        }

        Add(segments, snippet[start..], marked);
        return segments;
    }

    private static void Add(List<(string, bool)> segments, string escaped, bool marked)
    {
        if (escaped.Length > 0)
        {
            // The Api escaped the text; decoding gives it back as it stands in the PDF, and Blazor escapes it on output.
            segments.Add((WebUtility.HtmlDecode(escaped), marked));
        }
    }
}
