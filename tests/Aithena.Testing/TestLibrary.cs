namespace Aithena.Testing;

/// <summary>A library folder and a catalog database of a test's (or a benchmark's) own, deleted afterwards.</summary>
public sealed class TestLibrary : IDisposable
{
    /// <param name="parent">Where to make it: the temporary folder unless said (a hard link needs the same file system as its target).</param>
    public TestLibrary(string purpose = "test", string? parent = null)
    {
        Root = Path.Combine(parent ?? Path.GetTempPath(), $"aithena-{purpose}-" + Guid.NewGuid().ToString("N")[..10]);
        LibraryPath = Path.Combine(Root, "library");
        System.IO.Directory.CreateDirectory(LibraryPath);
        CatalogPath = Path.Combine(Root, "data", "catalog.db");
    }

    public string Root { get; }
    public string LibraryPath { get; }
    public string CatalogPath { get; }
    public string CatalogConnectionString => $"Data Source={CatalogPath}";
    public string UploadsPath => Path.Combine(LibraryPath, "uploads");

    /// <summary>Every file in the library, hidden folders included, as library-relative paths.</summary>
    public IReadOnlyList<string> AllFiles() =>
        System.IO.Directory.EnumerateFiles(LibraryPath, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(LibraryPath, f).Replace('\\', '/')).Order().ToList();

    public string Write(string relativePath, byte[] content)
    {
        var full = Path.Combine(LibraryPath, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, content);
        return full;
    }

    /// <summary>
    /// A hard link to <paramref name="source"/> at <paramref name="relativePath"/> (a copy when the file systems differ):
    /// a library file like any other, not a symlink, at no cost in disk or time.
    /// </summary>
    public string Link(string relativePath, string source)
    {
        var full = Path.Combine(LibraryPath, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        if (HardLink(source, full) != 0)
        {
            File.Copy(source, full);
        }

        return full;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code for one call
    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "link", SetLastError = true)]
    private static extern int HardLink(string existing, string created);
#pragma warning restore SYSLIB1054
}
