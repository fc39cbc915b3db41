using System.Globalization;

namespace Aithena.Web.Components.Shared;

/// <summary>The app's own addresses, built in one place.</summary>
public static class Links
{
    public static string Document(string id, int? page = null, string? query = null)
    {
        var parts = new List<string>();
        if (page is { } p)
        {
            parts.Add("page=" + p.ToString(CultureInfo.InvariantCulture));
        }

        if (!string.IsNullOrWhiteSpace(query))
        {
            parts.Add("q=" + Uri.EscapeDataString(query));
        }

        return $"/documents/{Uri.EscapeDataString(id)}" + (parts.Count > 0 ? "?" + string.Join('&', parts) : "");
    }

    /// <summary>The PDF through this app, opened at <paramref name="page"/> by the browser's viewer.</summary>
    public static string File(string id, int? page = null) =>
        $"/documents/{Uri.EscapeDataString(id)}/file" + (page is { } p ? "#page=" + p.ToString(CultureInfo.InvariantCulture) : "");

    /// <summary>The PDF through this app, for the viewer (which opens the page itself).</summary>
    public static string FileOnly(string id) => $"/documents/{Uri.EscapeDataString(id)}/file";

    /// <summary>The document's cover (a small PNG of page 1), through this app.</summary>
    public static string Cover(string id) => $"/documents/{Uri.EscapeDataString(id)}/cover";

    /// <summary>A collection's page, or a tag's (<paramref name="kind"/> <c>collection</c> or <c>tag</c>).</summary>
    public static string Collection(string kind, string id) => $"/{(kind == "tag" ? "tags" : "collections")}/{Uri.EscapeDataString(id)}";

    public static string Download(string id) => $"/documents/{Uri.EscapeDataString(id)}/file?download=1";
}
