using System.Globalization;

namespace Aithena.Testing;

/// <summary>A real PDF of a corpus built by scripts/corpus.sh: its name, the Debian package it came from, where it is.</summary>
public sealed record CorpusFile(string Name, string Package, string FullPath, long Size)
{
    /// <summary>
    /// The files of the corpus in <paramref name="directory"/> (its <c>manifest.tsv</c>: name, bytes, package), by name;
    /// none when the corpus was never built.
    /// </summary>
    public static IReadOnlyList<CorpusFile> ReadManifest(string directory)
    {
        var manifest = Path.Combine(directory, "manifest.tsv");
        if (!File.Exists(manifest))
        {
            return [];
        }

        return File.ReadAllLines(manifest)
            .Select(line => line.Split('\t'))
            .Where(parts => parts.Length == 3)
            .Select(parts => new CorpusFile(parts[0], parts[2], Path.Combine(directory, "pdf", parts[0]), long.Parse(parts[1], CultureInfo.InvariantCulture)))
            .Where(file => File.Exists(file.FullPath))
            .OrderBy(file => file.Name, StringComparer.Ordinal)
            .ToList();
    }
}
