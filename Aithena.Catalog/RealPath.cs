namespace Aithena.Catalog;

/// <summary>
/// A path with every symbolic link in it resolved, component by component, as realpath(3) does: .NET resolves the
/// last component only (<see cref="FileSystemInfo.ResolveLinkTarget"/>), and a linked folder on the way is as much
/// a way out of the library as a linked file.
/// </summary>
public static class RealPath
{
    /// <summary>Links followed in one lookup before giving up, as Linux's MAXSYMLINKS.</summary>
    private const int MaxLinks = 40;

    /// <summary>The resolved absolute path, or null when a component is missing or the links loop or nest too deep.</summary>
    public static string? Of(string path)
    {
        var links = 0;
        return Resolve(Path.GetFullPath(path), ref links);
    }

    private static string? Resolve(string fullPath, ref int links)
    {
        var root = Path.GetPathRoot(fullPath)!;
        var current = root;
        foreach (var part in fullPath[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            var info = new FileInfo(next);
            if (info.LinkTarget is { } target)
            {
                if (++links > MaxLinks)
                {
                    return null;
                }

                // A relative target counts from the folder that holds the link, which is already resolved here, so
                // ".." in it means the real parent.
                if (Resolve(Path.GetFullPath(target, current), ref links) is not { } resolved)
                {
                    return null;
                }

                next = resolved;
            }
            else if (!info.Exists && !Directory.Exists(next))
            {
                return null;
            }

            current = next;
        }

        return current;
    }
}
