using Aithena.Catalog;
using Microsoft.Extensions.Options;

namespace Aithena.Lister.Scanning;

/// <summary>A PDF found in the library: its library-relative path, size and last write time (UTC, milliseconds).</summary>
public readonly record struct LibraryFile(string Path, long Size, DateTimeOffset ModifiedAt);

/// <summary>
/// Walks the library for PDFs (<c>.pdf</c> in any letter case), skipping hidden files and folders (the Api's
/// <c>.incoming</c> among them), temporary names, and symbolic links (so a link loop cannot trap the walk).
/// </summary>
public sealed class LibraryScanner(IOptions<LibraryOptions> library)
{
    private static readonly EnumerationOptions Options = new()
    {
        RecurseSubdirectories = true,
        IgnoreInaccessible = true,
        MatchCasing = MatchCasing.CaseInsensitive,
        MatchType = MatchType.Simple,
        AttributesToSkip = FileAttributes.Hidden | FileAttributes.System | FileAttributes.ReparsePoint,
        ReturnSpecialDirectories = false,
    };

    public IEnumerable<LibraryFile> Scan()
    {
        var root = new DirectoryInfo(library.Value.Root);
        foreach (var file in root.EnumerateFiles("*.pdf", Options))
        {
            if (TemporaryNames.IsTemporary(file.Name))
            {
                continue;
            }

            LibraryFile entry;
            try
            {
                entry = new LibraryFile(
                    library.Value.RelativePath(file.FullName),
                    file.Length,
                    DateTimeOffset.FromUnixTimeMilliseconds(new DateTimeOffset(file.LastWriteTimeUtc).ToUnixTimeMilliseconds()));
            }
            catch (FileNotFoundException)
            {
                continue; // deleted while we walked past it
            }

            yield return entry;
        }
    }
}
