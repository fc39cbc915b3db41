using System.Net.Http.Json;
using System.Text.Json;
using Aithena.AppHost.Restarts;
using Aithena.Testing;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace Aithena.AppHost.Tests;

/// <summary>
/// A worker process that dies in run mode is started again by the AppHost, and it shows: in the dashboard's resource
/// (the <c>aithena.restarts</c> property) and in the worker's own status report (what the status page shows).
/// The fixture allows one restart in the window, so the second death shows the crash-loop cap.
/// </summary>
[TestCaseOrderer(typeof(StepOrderer))]
public sealed class WorkerRestartTests(WorkerRestartFixture app) : IClassFixture<WorkerRestartFixture>
{
    private static readonly TimeSpan RestartTimeout = TimeSpan.FromMinutes(3);

    [Fact, Step(1)]
    public async Task An_indexer_killed_with_SIGKILL_is_restarted_and_says_so()
    {
        await app.WaitHealthyAsync("indexer");
        var before = Pid(Current("indexer"));
        // Every update of the Indexer from here on, for the failure message.
        var seen = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var watching = new CancellationTokenSource(RestartTimeout * 2);
        _ = Task.Run(async () =>
        {
            await foreach (var e in app.App.ResourceNotifications.WatchAsync(watching.Token))
            {
                if (e.Resource.Name == "indexer")
                {
                    seen.Enqueue($"{e.Snapshot.State?.Text}/{e.Snapshot.ExitCode}/{Pid(e)}/{Property(e, WorkerRestarter.RestartsProperty)}");
                }
            }
        }, CancellationToken.None);

        var tree = string.Join("; ", new[] { before!.Value }.Concat(Descendants(before.Value)).Select(p => $"{p}: {CommandLine(p)}"));
        var killed = KillService(before, "Aithena.Indexer");

        // Described as a tuple, so a timeout says which state, exit code, process and count it saw last.
        var after = await Eventually.Until(
            () => Task.FromResult((State: Current("indexer").Snapshot.State?.Text, Current("indexer").Snapshot.ExitCode, Pid: Pid(Current("indexer")),
                Restarts: Property(Current("indexer"), WorkerRestarter.RestartsProperty))),
            e => e.State == KnownResourceStates.Running && e.Pid is { } pid && pid != before && e.Restarts is not null,
            RestartTimeout, $"the AppHost to start the killed Indexer again; killed {killed} of [{tree}]; alive now: {CommandLine(before.Value)}; updates seen: " + string.Join(", ", seen.Distinct()));
        Assert.Equal("1", after.Restarts);
        await app.WaitHealthyAsync("indexer");

        // The restarted process knows it was restarted, and its report (the status page's) says so.
        using var http = app.App.CreateHttpClient("indexer");
        http.DefaultRequestHeaders.Add("X-Health-Key", app.HealthKey);
        var detail = await Eventually.Until(
            async () => await http.GetFromJsonAsync<JsonElement>("/health/detail"),
            d => d.TryGetProperty("checks", out var checks) && checks.TryGetProperty("process", out _),
            TimeSpan.FromSeconds(60), "the restarted Indexer's detailed health report");
        var process = detail.GetProperty("checks").GetProperty("process");
        Assert.Equal("Degraded", process.GetProperty("status").GetString());
        Assert.Equal(1, process.GetProperty("data").GetProperty("restarts").GetInt32());
        Assert.NotEqual(killed, process.GetProperty("data").GetProperty("processId").GetInt32());
        Assert.Contains("Restarted after its process died", process.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact, Step(2)]
    public async Task An_indexer_that_dies_again_past_the_cap_is_left_stopped_and_says_why()
    {
        // Step 1 used the one restart the fixture allows within the window; a worker that keeps dying must not spin.
        var before = await Eventually.Until(() => Task.FromResult(Pid(Current("indexer"))), pid => pid is not null,
            RestartTimeout, "the Indexer to run (restarted by the step before)");
        await app.WaitHealthyAsync("indexer");
        var killed = KillService(before, "Aithena.Indexer");

        var after = await Eventually.Until(
            () => Task.FromResult((State: Current("indexer").Snapshot.State?.Text, Restarts: Property(Current("indexer"), WorkerRestarter.RestartsProperty))),
            e => e.Restarts?.Contains("gave up", StringComparison.Ordinal) == true,
            RestartTimeout, $"the AppHost to give up on the Indexer killed again ({killed})");
        Assert.Equal("1 (gave up: crash loop)", after.Restarts);

        // Giving up is the restarter's answer to this exit (it publishes it instead of starting the replica): the
        // Indexer stays exited, with its last process gone.
        await Eventually.Until(
            () => Task.FromResult((State: Current("indexer").Snapshot.State?.Text, Alive: Directory.Exists($"/proc/{killed}"))),
            e => e.State is "Exited" or "Finished" && !e.Alive,
            RestartTimeout, $"the killed Indexer ({killed}) to be gone and reported exited");
    }

    private ResourceEvent Current(string resource) =>
        app.App.ResourceNotifications.TryGetCurrentState(resource, out var state) ? state! : throw new InvalidOperationException($"no state for {resource}");

    private static int? Pid(ResourceEvent state) =>
        int.TryParse(Property(state, "executable.pid"), out var pid) && pid > 0 ? pid : null;

    private static string? Property(ResourceEvent state, string name) =>
        state.Snapshot.Properties.FirstOrDefault(p => p.Name == name)?.Value?.ToString();

    /// <summary>
    /// SIGKILL to the service's own process: the resource's process, or the one below it that runs the service's dll
    /// (a launcher such as <c>dotnet run</c> may stand between), as a fatal runtime error ends the service itself.
    /// </summary>
    private static int KillService(int? pid, string dll)
    {
        Assert.NotNull(pid);
        var target = Descendants(pid.Value).LastOrDefault(p => CommandLine(p).Contains(dll, StringComparison.Ordinal)) is var child and > 0 ? child : pid.Value;
        using var process = System.Diagnostics.Process.GetProcessById(target);
        process.Kill(); // SIGKILL: no shutdown, no acknowledgement
        return target;
    }

    private static IEnumerable<int> Descendants(int pid)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var child) && ParentOf(child) == pid)
            {
                yield return child;
                foreach (var grandchild in Descendants(child))
                {
                    yield return grandchild;
                }
            }
        }
    }

    private static int ParentOf(int pid)
    {
        try
        {
            // /proc/PID/stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after its closing parenthesis.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return -1;
        }
    }

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
