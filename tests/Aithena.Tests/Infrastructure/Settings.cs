namespace Aithena.Tests.Infrastructure;

/// <summary>The configuration a test gives a service: the same keys a deployment uses.</summary>
public static class Settings
{
    public static Dictionary<string, string?> For(PrivateBroker broker, string virtualHost, TestLibrary library, params (string Key, string? Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:messaging"] = broker.ConnectionString(virtualHost),
            ["ConnectionStrings:catalog"] = library.CatalogConnectionString,
            ["Library:Path"] = library.LibraryPath,
            // The tests that assert totals and snippets mean keyword search; the semantic tests name their mode.
            ["Search:DefaultMode"] = "Keyword",
            // No embedding model unless a test is about meaning: the model costs every Indexer a few hundred MB and
            // each indexed page seconds of CPU, which the rest of the suite, running beside it, would pay for.
            ["Embeddings:Model"] = "None",
            // Bare services open to anonymous callers, as on a single-user machine; the access tests set None or Read.
            ["Access:Anonymous"] = "Full",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>The same, as environment variables for a <see cref="ServiceProcess"/>.</summary>
    public static Dictionary<string, string> AsEnvironment(this IDictionary<string, string?> settings) =>
        settings.Where(s => s.Value is not null && s.Key != "Environment")
            .ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);
}
