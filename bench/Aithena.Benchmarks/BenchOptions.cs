using System.Globalization;
using Aithena.Testing;

namespace Aithena.Benchmarks;

/// <summary>Command-line options. Everything has a default, so <c>dotnet Aithena.Benchmarks.dll --broker-dir DIR</c> is enough.</summary>
public sealed record BenchOptions(
    bool Smoke,
    string Output,
    string Configuration,
    string BrokerDirectory,
    string RepoRoot,
    string Command,
    string CorpusDirectory,
    IReadOnlySet<string>? Sections,
    int? Documents = null,
    string? BaselineIndexer = null,
    int Repeat = 1)
{
    public const string Usage =
        "usage: Aithena.Benchmarks --broker-dir DIR [--smoke] [--output FILE] [--configuration Debug|Release] [--repo DIR] [--command TEXT] [--corpus DIR] [--sections publish,upload,indexer,lister,corpus,web,ocr,pipeline,covers] [--documents N] [--repeat N] [--baseline-indexer DLL]";

    public static BenchOptions Parse(string[] args)
    {
        var smoke = false;
        string? output = null, configuration = null, brokerDir = null, repo = null, command = null, corpus = null, sections = null, baseline = null;
        int? documents = null;
        var repeat = 1;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value. {Usage}");
            switch (args[i])
            {
                case "--smoke": smoke = true; break;
                case "--output": output = Value(); break;
                case "--configuration": configuration = Value(); break;
                case "--broker-dir": brokerDir = Value(); break;
                case "--repo": repo = Value(); break;
                case "--command": command = Value(); break;
                case "--corpus": corpus = Value(); break;
                case "--sections": sections = Value(); break;
                case "--documents":
                    documents = int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                        ? n : throw new ArgumentException($"--documents takes a positive whole number. {Usage}");
                    break;
                case "--repeat":
                    repeat = int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r > 0
                        ? r : throw new ArgumentException($"--repeat takes a positive whole number. {Usage}");
                    break;
                case "--baseline-indexer": baseline = Value(); break;
                default: throw new ArgumentException($"unknown argument '{args[i]}'. {Usage}");
            }
        }

        var root = Path.GetFullPath(repo ?? Repo.FindRoot(AppContext.BaseDirectory));
        configuration ??= AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Debug" : "Release";
        if (configuration is not ("Debug" or "Release"))
        {
            throw new ArgumentException($"--configuration takes Debug or Release, not '{configuration}'.");
        }

        return new BenchOptions(
            smoke,
            Path.GetFullPath(output ?? Path.Combine(root, "docs", "BENCHMARKS.md")),
            configuration,
            Path.GetFullPath(brokerDir ?? throw new ArgumentException($"--broker-dir is required. {Usage}")),
            root,
            command ?? "dotnet Aithena.Benchmarks.dll " + string.Join(' ', args),
            Path.GetFullPath(corpus ?? Path.Combine(root, ".aithena", "corpus")),
            sections?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal),
            documents,
            baseline is null ? null : Path.GetFullPath(baseline),
            repeat);
    }

    /// <summary>The built entry assembly of a service, in the configuration asked for.</summary>
    public string ServiceDll(string project) => Repo.ServiceDll(project, RepoRoot, Configuration);
}
