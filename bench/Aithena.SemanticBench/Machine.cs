namespace Aithena.SemanticBench;

/// <summary>What the reports say of the machine they were measured on.</summary>
public static class Machine
{
    /// <summary>The 1, 5 and 15 minute load averages: on a shared machine, how far the figures can be trusted.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
