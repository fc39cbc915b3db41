namespace Aithena.Tests.Infrastructure;

/// <summary>Where the repository and the services' build output are, found from the test assembly's location.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release: whichever this test assembly was built as.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string BrokerScript => Path.Combine(Root, "scripts", "broker.sh");

    /// <summary>The built entry assembly of a service project, e.g. <c>ServiceDll("Aithena.Api")</c>.</summary>
    public static string ServiceDll(string project)
    {
        var dll = Path.Combine(Root, project, "bin", Configuration, "net10.0", project + ".dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"{project} is not built ({dll}); build the solution first.", dll);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Aithena.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Aithena.sln not found above " + AppContext.BaseDirectory);
    }
}
