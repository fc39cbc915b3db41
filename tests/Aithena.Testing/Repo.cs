namespace Aithena.Testing;

/// <summary>Where the repository and the services' build output are, found from the running assembly's location.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot(AppContext.BaseDirectory);

    /// <summary>Debug or Release: whichever the running assembly was built as.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string BrokerScript => Path.Combine(Root, "scripts", "broker.sh");

    /// <summary>The built entry assembly of a service project, e.g. <c>ServiceDll("Aithena.Api")</c>.</summary>
    public static string ServiceDll(string project, string? root = null, string? configuration = null)
    {
        var dll = Path.Combine(root ?? Root, project, "bin", configuration ?? Configuration, "net10.0", project + ".dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"{project} is not built ({dll}); build the solution first.", dll);
    }

    public static string FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Aithena.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Aithena.sln not found above " + start);
    }
}
