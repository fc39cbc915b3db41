using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Aithena.Tests.Infrastructure;

/// <summary>
/// A service as a real process (<c>dotnet Aithena.X.dll</c>), configured only by the environment variables a
/// deployment or the AppHost would give it. Output is kept for assertions; disposal stops it gracefully.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private const int SigKill = 9;
    private const int SigTerm = 15;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ServiceProcess(Process process, Uri address)
    {
        _process = process;
        BaseAddress = address;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Uri BaseAddress { get; }
    public HttpClient Http { get; }
    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;
    public string Output => string.Join('\n', _output);

    /// <param name="port">The HTTP port to listen on; a free one when not given.</param>
    public static ServiceProcess Start(string project, IDictionary<string, string> environment, int? port = null)
    {
        port ??= FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(Repo.ServiceDll(project))!,
        };
        info.ArgumentList.Add(Repo.ServiceDll(project));
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(address.ToString().TrimEnd('/'));

        // Only what the test says: nothing from the developer's shell (a stray ConnectionStrings__messaging, say).
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
        var service = new ServiceProcess(process, address);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) service._output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) service._output.Enqueue(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return service;
    }

    /// <summary>Waits until <c>/health</c> answers Healthy (which needs the bus and the catalog up).</summary>
    public async Task WaitHealthyAsync(TimeSpan? timeout = null)
    {
        await Eventually.Until(async () =>
        {
            if (_process.HasExited)
            {
                throw new Xunit.Sdk.XunitException($"process exited with {_process.ExitCode} before it was healthy:\n{Output}");
            }

            using var response = await Http.GetAsync("/health");
            return response.IsSuccessStatusCode && (await response.Content.ReadAsStringAsync()).Contains("\"status\": \"Healthy\"", StringComparison.Ordinal);
        }, timeout ?? TimeSpan.FromSeconds(60), $"{Path.GetFileName(_process.StartInfo.ArgumentList[0])} to be healthy");
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
        if (!_process.HasExited)
        {
            Terminate();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                Kill();
                await _process.WaitForExitAsync(CancellationToken.None);
            }
        }

        _process.Dispose();
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
