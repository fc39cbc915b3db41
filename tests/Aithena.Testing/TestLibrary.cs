namespace Aithena.Testing;

/// <summary>A library folder and a catalog database of a test's (or a benchmark's) own, deleted afterwards.</summary>
public sealed class TestLibrary : IDisposable
{
    public TestLibrary(string purpose = "test")
    {
        Root = Path.Combine(Path.GetTempPath(), $"aithena-{purpose}-" + Guid.NewGuid().ToString("N")[..10]);
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
}
