using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Aithena.Catalog;

/// <summary>The library folder, <c>Library:Path</c> (environment <c>Library__Path</c>), shared by every service of a machine.</summary>
public sealed class LibraryOptions
{
    public const string SectionName = "Library";
    public const string UploadsFolder = "uploads";

    /// <summary>Where the Api writes uploads while they arrive; hidden, so the Lister never sees half a file.</summary>
    public const string IncomingFolder = ".incoming";

    [Required(ErrorMessage = "Library:Path is not set. Set it (environment variable Library__Path) to the folder that holds the PDF library.")]
    public string? Path { get; set; }

    /// <summary>
    /// The largest library file read or served, in bytes (default 50 MB, as uploads): a larger one is failed with this
    /// reason without being read, instead of running the Indexer out of memory attempt after attempt.
    /// </summary>
    [Range(1, long.MaxValue)]
    public long MaxFileBytes { get; set; } = 50L * 1024 * 1024;

    public string Root => System.IO.Path.GetFullPath(Path!);

    /// <summary>The absolute path of a library-relative path, or null when it would leave the library.</summary>
    public string? Resolve(string relativePath)
    {
        var root = Root.TrimEnd(System.IO.Path.DirectorySeparatorChar) + System.IO.Path.DirectorySeparatorChar;
        var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(root, relativePath));
        return full.StartsWith(root, StringComparison.Ordinal) ? full : null;
    }

    /// <summary>
    /// The real path (every symbolic link resolved) of an existing file of the library, or null when it is missing or
    /// its real path lies outside the library's real root: a file, or a folder on the way, swapped for a link must not
    /// open a way to the rest of the machine. Serve or read the returned path, not the one asked for, so that what
    /// was checked is what is opened.
    /// </summary>
    public string? ResolveExisting(string relativePath)
    {
        if (Resolve(relativePath) is not { } full || RealPath.Of(full) is not { } real || RealPath.Of(Root) is not { } realRoot)
        {
            return null;
        }

        var inside = real.StartsWith(realRoot.TrimEnd(System.IO.Path.DirectorySeparatorChar) + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal);
        return inside && File.Exists(real) ? real : null;
    }

    /// <summary>The library-relative path (forward slashes) of a file inside the library.</summary>
    public string RelativePath(string fullPath) =>
        System.IO.Path.GetRelativePath(Root, fullPath).Replace(System.IO.Path.DirectorySeparatorChar, '/');
}
