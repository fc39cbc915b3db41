using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using Aithena.Testing;

namespace Aithena.Benchmarks;

/// <summary>What the figures were measured on: without it, a benchmark report cannot be compared with anything.</summary>
public static class Machine
{
    public static async Task<Report> DescribeAsync(PrivateBroker broker, string repoRoot, CancellationToken cancellationToken)
    {
        var cpu = ReadField("/proc/cpuinfo", "model name", ':') ?? RuntimeInformation.ProcessArchitecture.ToString();
        var memKb = ReadField("/proc/meminfo", "MemTotal", ':')?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        var memory = long.TryParse(memKb, out var kb) ? $"{kb / 1024.0 / 1024.0:F1} GiB" : "unknown";
        var os = ReadField("/etc/os-release", "PRETTY_NAME", '=')?.Trim('"') ?? RuntimeInformation.OSDescription;
        var sdk = await RunAsync("dotnet", "--version", repoRoot, cancellationToken); // global.json there picks the SDK
        return new Report()
            .Heading("Machine")
            .Table(["", "This run"],
            [
                ["CPUs (nproc)", Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture)],
                ["CPU model", cpu],
                ["Memory", memory],
                ["OS", $"{os}, kernel {ReadAll("/proc/sys/kernel/osrelease") ?? Environment.OSVersion.Version.ToString()}"],
                [".NET", $"{RuntimeInformation.FrameworkDescription}, SDK {sdk}"],
                ["RabbitMQ", $"{await broker.VersionAsync(cancellationToken)} (private instance from scripts/broker.sh, loopback, one node)"],
                // Other work on the machine during a run moves the figures; this says whether there was any.
                ["Load average at start (1 / 5 / 15 min)", ReadAll("/proc/loadavg") is { } load ? string.Join(" / ", load.Split(' ')[..3]) : "unknown"],
                ["Libraries", $"MassTransit {Version(typeof(MassTransit.IBus))}, RabbitMQ.Client {Version(typeof(RabbitMQ.Client.IConnection))}"],
            ]);
    }

    /// <summary>The 1-minute load average, when the system has one: how busy the machine was before the run started.</summary>
    public static double? LoadAverage() =>
        ReadAll("/proc/loadavg") is { } load && double.TryParse(load.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string? ReadAll(string file) => File.Exists(file) ? File.ReadAllText(file).Trim() : null;

    private static string Version(Type type) =>
        type.Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "?";

    private static string? ReadField(string file, string key, char separator)
    {
        if (!File.Exists(file))
        {
            return null;
        }

        return File.ReadLines(file)
            .Select(line => line.Split(separator, 2))
            .FirstOrDefault(parts => parts.Length == 2 && parts[0].Trim() == key)?[1].Trim();
    }

    private static async Task<string> RunAsync(string file, string arguments, string directory, CancellationToken cancellationToken)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, UseShellExecute = false, WorkingDirectory = directory })!;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            var output = await process.StandardOutput.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            return output.Trim();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or OperationCanceledException)
        {
            return "unknown";
        }
    }
}
