namespace Aithena.AppHost.Tests;

/// <summary>Processes an app left behind: any that names its private folder (the broker, epmd, the services) or watches its AppHost (DCP).</summary>
public static class LeftoverProcesses
{
    public static IReadOnlyList<string> Find(string privateFolder, int appHostProcessId)
    {
        var found = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            var commandLine = Read(Path.Combine(dir, "cmdline"));
            var environment = Read(Path.Combine(dir, "environ"));
            if (commandLine.Contains(privateFolder, StringComparison.Ordinal)
                || environment.Contains(privateFolder, StringComparison.Ordinal)
                || (commandLine.Contains("dcp", StringComparison.Ordinal) && commandLine.Contains($"--monitor {appHostProcessId} ", StringComparison.Ordinal)))
            {
                found.Add($"{pid}: {commandLine[..Math.Min(160, commandLine.Length)]}");
            }
        }

        return found;
    }

    private static string Read(string path)
    {
        try
        {
            return File.ReadAllText(path).Replace('\0', ' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ""; // the process ended while we looked
        }
    }
}
