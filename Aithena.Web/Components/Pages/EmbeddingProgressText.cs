using System.Globalization;
using Aithena.Api.Documents;

namespace Aithena.Web.Components.Pages;

/// <summary>A document's place in the embedders' queue in words, for its page; the library's, for the status page.</summary>
public static class EmbeddingProgressText
{
    public static string Describe(EmbeddingProgress progress)
    {
        var parts = new List<string>();
        if (progress.PassagesWaiting is { } mine)
        {
            parts.Add("about " + Count(mine, "passage") + " waiting");
        }

        parts.Add(progress.DocumentsAhead == 0
            ? "no document ahead of it"
            : $"{Count(progress.DocumentsAhead, "document")} ahead of it (about {Count(progress.PassagesAhead, "passage")})");
        parts.Add(progress.PassagesPerSecond is { } rate
            ? string.Create(CultureInfo.InvariantCulture, $"the embedders do {rate:0.#} passages a second (last {progress.RateMinutes} minutes)")
            : $"no passage was embedded in the last {progress.RateMinutes} minutes (is an Embedder running? see the status page)");
        if (progress.EstimatedWait is { } wait)
        {
            parts.Add("about " + Duration(wait) + " to wait");
        }

        return string.Join("; ", parts) + ".";
    }

    /// <summary>The library's backlog in words, for the status page.</summary>
    public static string Describe(LibraryEmbeddingProgress progress)
    {
        if (progress.Status == "none")
        {
            return "Search by meaning is off (no embedding model is configured): searches use keywords.";
        }

        if (progress.DocumentsWaiting == 0)
        {
            return "Every indexed document is searchable by meaning.";
        }

        var parts = new List<string>
        {
            $"{Count(progress.DocumentsWaiting, "document")} (about {Count(progress.PassagesWaiting, "passage")}) wait for embeddings: keyword search finds them already",
            progress.PassagesPerSecond is { } rate
                ? string.Create(CultureInfo.InvariantCulture, $"the embedders do {rate:0.#} passages a second (last {progress.RateMinutes} minutes)")
                : $"no passage was embedded in the last {progress.RateMinutes} minutes (is an Embedder running? see the queues and services below)",
        };
        if (progress.EstimatedWait is { } wait)
        {
            parts.Add("about " + Duration(wait) + " until all are searchable by meaning");
        }

        return string.Join("; ", parts) + ".";
    }

    private static string Count(long value, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{value:N0} {noun}{(value == 1 ? "" : "s")}");

    private static string Duration(TimeSpan wait) => wait.TotalMinutes < 1
        ? "a minute"
        : wait.TotalHours < 1
            ? string.Create(CultureInfo.InvariantCulture, $"{Math.Ceiling(wait.TotalMinutes):0} minutes")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)wait.TotalHours} h {wait.Minutes} min");
}
