using System.Globalization;

namespace Aithena.Testing;

/// <summary>CPU time (user and system) as the kernel charges it, from proc(5)'s stat file, in USER_HZ ticks (100 a second on Linux).</summary>
public static class ProcessCpu
{
    /// <summary>The process's own CPU time: utime and stime, not its children's.</summary>
    public static TimeSpan Own(int pid) => Ticks($"/proc/{pid}/stat", utime: true);

    /// <summary>
    /// The CPU time of every child this process has waited for (cutime and cstime): a tool's cost, read before and after
    /// running it.
    /// </summary>
    public static TimeSpan WaitedChildren() => Ticks("/proc/self/stat", utime: false);

    private static TimeSpan Ticks(string statFile, bool utime)
    {
        var stat = File.ReadAllText(statFile);
        // Fields after the command name (which may hold spaces, so split after its closing parenthesis): state is the
        // first, utime the 12th, stime the 13th, cutime the 14th, cstime the 15th.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var first = utime ? 11 : 13;
        var ticks = long.Parse(fields[first], CultureInfo.InvariantCulture) + long.Parse(fields[first + 1], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }
}
