using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Aithena.Benchmarks;

/// <summary>
/// An Aithena service as a real process (<c>dotnet Aithena.X.dll --urls ...</c>), configured only by the environment
/// variables a deployment gives it. Disposal stops it with SIGTERM, then SIGKILL; every live one is also killed when
/// the benchmark itself exits, whatever the reason.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private const int SigTerm = 15;
    private const int OutputLinesKept = 200;
    private static readonly ConcurrentDictionary<int, Process> Live = new();
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    static ServiceProcess() => AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();

    private ServiceProcess(Process process, string name, Uri address)
    {
        _process = process;
        Name = name;
        BaseAddress = address;
    }

    public string Name { get; }
    public Uri BaseAddress { get; }
    public int Pid => _process.Id;
    public string Output => string.Join('\n', _output);

    public static ServiceProcess Start(string dll, IReadOnlyDictionary<string, string> environment)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
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

        // Only what the benchmark says: nothing from the caller's shell (a stray ConnectionStrings__messaging, say).
        foreach (var key in info.Environment.Keys.ToList())
        {
            if (key.Contains("__", StringComparison.Ordinal) || key.StartsWith("ASPNETCORE_", StringComparison.Ordinal)
                || key.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal) || key.StartsWith("OTEL_", StringComparison.Ordinal))
            {
                info.Environment.Remove(key);
            }
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info };
        var service = new ServiceProcess(process, Path.GetFileNameWithoutExtension(dll), address);
        process.OutputDataReceived += (_, e) => service.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => service.Keep(e.Data);
        process.Start();
        Live[process.Id] = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return service;
    }

    /// <summary>Waits until <c>/health</c> answers 200 (the bus and the catalog are up).</summary>
    public async Task WaitHealthyAsync(HttpClient http, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} before it was healthy:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(BaseAddress, "/health"), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"{Name} (pid {Pid}) was not healthy within {timeout.TotalSeconds:F0} s:\n{Output}");
    }

    /// <summary>Peak resident memory (VmHWM) in MB, from /proc; read it before the process stops.</summary>
    public double PeakMemoryMb()
    {
        var line = File.ReadLines($"/proc/{Pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"no VmHWM for pid {Pid}");
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _ = SysKill(_process.Id, SigTerm);
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

    public static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
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

#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code for one call
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SysKill(int pid, int signal);
#pragma warning restore SYSLIB1054
}
