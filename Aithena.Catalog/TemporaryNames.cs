namespace Aithena.Catalog;

/// <summary>
/// File names the Lister leaves alone: office lock files, editors' and downloaders' partial files, hidden files.
/// Uploads are named so they never take one of these (an upload the Lister skipped would be queued for removal at
/// every scan), so both sides read this one rule.
/// </summary>
public static class TemporaryNames
{
    public static bool IsTemporary(string name) =>
        name.StartsWith('~') || name.StartsWith('.')
        || name.EndsWith(".part.pdf", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".tmp.pdf", StringComparison.OrdinalIgnoreCase);
}
