using System.Text;

namespace Aithena.Api.Upload;

/// <summary>
/// Whether the start of a file holds HTML: a PDF reader skips bytes before <c>%PDF-</c>, so a polyglot can be a valid
/// PDF and a page that runs script wherever something serves it inline. Tags count only when followed by what ends a
/// tag name (as in the browsers' sniffing rules), so PDF syntax such as <c>&lt;&lt;</c> or hex strings never match.
/// </summary>
public static class MarkupSniffer
{
    /// <summary>Browsers sniff the first 512 bytes; a kilobyte covers that with room.</summary>
    public const int Window = 1024;

    private static readonly string[] Tags =
        ["<!doctype html", "<html", "<head", "<body", "<script", "<iframe", "<svg", "<object", "<embed", "<style", "<title", "<meta", "<img", "<div", "<form", "<!--"];

    public static bool LooksLikeHtml(ReadOnlySpan<byte> head)
    {
        // Latin-1 maps every byte to one char, so binary data cannot hide a tag behind an invalid UTF-8 sequence.
        var text = Encoding.Latin1.GetString(head);
        foreach (var tag in Tags)
        {
            for (var at = text.IndexOf(tag, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(tag, at + 1, StringComparison.OrdinalIgnoreCase))
            {
                var next = at + tag.Length;
                if (tag == "<!--" || next >= text.Length || text[next] is ' ' or '>' or '/' or '\t' or '\n' or '\r' or '\f')
                {
                    return true;
                }
            }
        }

        return false;
    }
}
