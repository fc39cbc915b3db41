using System.Text;

namespace Aithena.Catalog;

/// <summary>What a group's name and description may be, checked in one place for both engines and every caller.</summary>
public static class DocumentGroupNames
{
    public const int MaxNameLength = 100;
    public const int MaxDescriptionLength = 2_000;

    /// <summary>The name as stored (trimmed, Unicode NFC) and its description (trimmed, null when blank), or why not.</summary>
    public static bool TryClean(GroupKind kind, string? name, string? description, out string cleanName, out string? cleanDescription, out string error)
    {
        cleanName = (name ?? "").Trim().Normalize(NormalizationForm.FormC);
        cleanDescription = string.IsNullOrWhiteSpace(description) ? null : description.Trim().Normalize(NormalizationForm.FormC);
        var what = Noun(kind);
        error = cleanName.Length == 0 ? $"A {what} needs a name."
            : cleanName.Length > MaxNameLength ? $"A {what}'s name is at most {MaxNameLength} characters; this one has {cleanName.Length}."
            : cleanName.Any(char.IsControl) ? $"A {what}'s name cannot hold control characters (line breaks, tabs, NUL)."
            : cleanDescription is { Length: > MaxDescriptionLength } ? $"A {what}'s description is at most {MaxDescriptionLength} characters."
            : cleanDescription is not null && cleanDescription.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t')
                ? $"A {what}'s description cannot hold control characters such as NUL."
            : "";
        return error.Length == 0;
    }

    /// <summary>What makes two names the same: case folded the same way on both engines (SQLite's NOCASE folds ASCII only).</summary>
    public static string Key(string cleanName) => cleanName.ToUpperInvariant().ToLowerInvariant();

    /// <summary>Ids are 32 lowercase hex characters (a random GUID): anything else is refused before a query.</summary>
    public static bool IsValidId(string? id) =>
        id is { Length: 32 } && id.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    public static string NewId() => Guid.NewGuid().ToString("N");

    public static string Noun(GroupKind kind) => kind == GroupKind.Tag ? "tag" : "collection";

    internal static string ToDb(GroupKind kind) => kind == GroupKind.Tag ? "tag" : "collection";

    internal static GroupKind FromDb(string kind) => kind == "tag" ? GroupKind.Tag : GroupKind.Collection;

    internal static GroupOutcome.NotFound Unknown(string id) => new($"No collection or tag '{id}'.");

    internal static GroupOutcome.NotFound NoDocument(string id) => new($"No document '{id}' in the library.");

    internal static GroupOutcome.NameTaken Taken(GroupKind kind, string name) =>
        new($"A {Noun(kind)} named '{name}' exists already (names are compared without regard to case).");

    /// <summary>
    /// Names in the order people read them ("Émile" before "Physics"), the same on both engines: the engines' own orders
    /// differ (SQLite's NOCASE and PostgreSQL's "C" put accented letters after "z"), and a kind holds few enough groups to sort here.
    /// </summary>
    internal static IReadOnlyList<DocumentGroup> InNameOrder(IEnumerable<DocumentGroup> groups) =>
        groups.OrderBy(g => g.Name, StringComparer.InvariantCultureIgnoreCase).ThenBy(g => g.Id, StringComparer.Ordinal).ToList();
}
