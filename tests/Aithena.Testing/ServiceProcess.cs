using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Aithena.Testing;

/// <summary>
/// An Aithena service as a real process (<c>dotnet Aithena.X.dll --urls ...</c>), configured only by the environment
/// variables a deployment or the AppHost would give it. Its output is kept (the latest lines) for assertions and
/// failure messages; disposal stops it with SIGTERM, then SIGKILL; every live one is also killed when the process that
/// started it exits, whatever the reason.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private const int SigKill = 9;
    private const int SigTerm = 15;
    private const int OutputLinesKept = 20_000;
    private static readonly ConcurrentDictionary<int, Process> Live = new();
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    static ServiceProcess() => AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();

    private ServiceProcess(Process process, string name, Uri address)
    {
        _process = process;
        Name = name;
        BaseAddress = address;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public string Name { get; }
    public Uri BaseAddress { get; }
    public HttpClient Http { get; }
    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;
    public string Output => string.Join('\n', _output);

    /// <param name="project">A service project's name (its build output is found by <see cref="Repo.ServiceDll"/>) or the path of its dll.</param>
    /// <param name="environment">The whole configuration: nothing of the caller's own environment that could configure a service is passed on.</param>
    /// <param name="port">The HTTP port to listen on; a free one when not given.</param>
    public static ServiceProcess Start(string project, IEnumerable<KeyValuePair<string, string>> environment, int? port = null)
    {
        var dll = project.EndsWith(".dll", StringComparison.Ordinal) ? project : Repo.ServiceDll(project);
        var address = new Uri($"http://127.0.0.1:{port ?? FreePort()}");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(address.ToString().TrimEnd('/'));

        // Only what the caller says: nothing from the developer's shell (a stray ConnectionStrings__messaging, say).
        foreach (var key in info.Environment.Keys.ToList())
        {
            if (key.StartsWith("ConnectionStrings", StringComparison.OrdinalIgnoreCase) || key.Contains("__", StringComparison.Ordinal)
                || key.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || key.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal)
                || key.StartsWith("OTEL_", StringComparison.Ordinal))
            {
                info.Environment.Remove(key);
            }
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var service = new ServiceProcess(process, Path.GetFileNameWithoutExtension(dll), address);
        process.OutputDataReceived += (_, e) => service.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => service.Keep(e.Data);
        process.Start();
        Live[process.Id] = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return service;
    }

    /// <summary>
    /// Waits until <c>/health</c> answers 200 with the status Healthy (the bus and the catalog are up), or, with
    /// <paramref name="acceptDegraded"/>, any 200.
    /// </summary>
    public async Task WaitHealthyAsync(TimeSpan? timeout = null, bool acceptDegraded = false, CancellationToken cancellationToken = default)
    {
        await Eventually.Until(async () =>
        {
            if (_process.HasExited)
            {
                throw new ServiceExitedException($"{Name} exited with {_process.ExitCode} before it was healthy:\n{Output}");
            }

            using var response = await Http.GetAsync("/health", cancellationToken);
            return response.IsSuccessStatusCode
                   && (acceptDegraded || (await response.Content.ReadAsStringAsync(cancellationToken)).Contains("\"Healthy\"", StringComparison.Ordinal));
        }, timeout ?? TimeSpan.FromSeconds(60), $"{Name} (pid {Pid}) to be healthy");
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        _process.WaitForExit(); // drains the redirected output
        return _process.ExitCode;
    }

    /// <summary>SIGTERM: what a container runtime or Ctrl-C sends; the service stops gracefully.</summary>
    public void Terminate() => Signal(SigTerm);

    /// <summary>SIGKILL: a crash; nothing in the process gets to run.</summary>
    public void Kill() => Signal(SigKill);

    /// <summary>
    /// Open file descriptors from /proc, without those holding loaded assemblies and native libraries (the runtime
    /// loads an assembly once, the first time a code path needs it, and keeps it) and without those of pooled SQLite
    /// connections (counted by <see cref="OpenCatalogHandles"/>): neither is a leak.
    /// </summary>
    public int OpenFileDescriptors() =>
        OpenFileDescriptorTargets().Count(t => !t.EndsWith(".dll", StringComparison.Ordinal) && !t.Contains(".so", StringComparison.Ordinal) && !IsCatalog(t));

    /// <summary>Handles on the catalog's files: Microsoft.Data.Sqlite pools one connection per concurrent user and prunes idle ones after minutes.</summary>
    public int OpenCatalogHandles() => OpenFileDescriptorTargets().Count(IsCatalog);

    private static bool IsCatalog(string target) => target.Contains("catalog.db", StringComparison.Ordinal);

    /// <summary>The most physical memory the process has held since it started (VmHWM in /proc), in bytes.</summary>
    public long PeakMemoryBytes()
    {
        var line = File.ReadLines($"/proc/{Pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    public double PeakMemoryMb() => PeakMemoryBytes() / (1024.0 * 1024.0);

    /// <summary>
    /// CPU time the process has used so far, user and system (utime + stime in /proc/PID/stat, in clock ticks of 1/100 s,
    /// the kernel's USER_HZ on Linux): taken before and after a run, it tells whether a process used one core or more.
    /// </summary>
    public TimeSpan CpuTime() => ProcessCpu.Own(Pid);

    /// <summary>What the open file descriptors point at (files, sockets, pipes), for a failure message.</summary>
    public IReadOnlyList<string> OpenFileDescriptorTargets() =>
        Directory.GetFiles($"/proc/{Pid}/fd").Select(fd =>
        {
            try
            {
                return new FileInfo(fd).LinkTarget ?? "?";
            }
            catch (IOException)
            {
                return "gone";
            }
        }).ToList();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                Terminate();
                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                try
                {
                    await _process.WaitForExitAsync(grace.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync(CancellationToken.None);
                }
            }
        }
        finally
        {
            Live.TryRemove(_process.Id, out _);
            _process.Dispose();
        }
    }

    private static void KillAll()
    {
        foreach (var process in Live.Values)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // already gone
            }
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > OutputLinesKept && _output.TryDequeue(out _))
        {
        }
    }

    private void Signal(int signal)
    {
        if (!_process.HasExited && SysKill(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code for one call
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SysKill(int pid, int signal);
#pragma warning restore SYSLIB1054

    public static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
