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
/// </summary>
public sealed class WorkerRestartTests(WorkerRestartFixture app) : IClassFixture<WorkerRestartFixture>
{
    private static readonly TimeSpan RestartTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task An_indexer_killed_with_SIGKILL_is_restarted_and_says_so()
    {
        await app.WaitHealthyAsync("indexer");
        var before = Pid(Current("indexer"));

        Kill(before);

        // Described as a tuple, so a timeout says which state, exit code, process and count it saw last.
        var after = await Eventually.Until(
            () => Task.FromResult((State: Current("indexer").Snapshot.State?.Text, Current("indexer").Snapshot.ExitCode, Pid: Pid(Current("indexer")),
                Restarts: Property(Current("indexer"), WorkerRestarter.RestartsProperty))),
            e => e.State == KnownResourceStates.Running && e.Pid is { } pid && pid != before && e.Restarts is not null,
            RestartTimeout, "the AppHost to start the killed Indexer again");
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
        Assert.Equal(after.Pid, process.GetProperty("data").GetProperty("processId").GetInt32());
        Assert.Contains("Restarted after its process died", process.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    private ResourceEvent Current(string resource) =>
        app.App.ResourceNotifications.TryGetCurrentState(resource, out var state) ? state! : throw new InvalidOperationException($"no state for {resource}");

    private static int? Pid(ResourceEvent state) =>
        int.TryParse(Property(state, "executable.pid"), out var pid) && pid > 0 ? pid : null;

    private static string? Property(ResourceEvent state, string name) =>
        state.Snapshot.Properties.FirstOrDefault(p => p.Name == name)?.Value?.ToString();

    private static void Kill(int? pid)
    {
        Assert.NotNull(pid);
        using var process = System.Diagnostics.Process.GetProcessById(pid.Value);
        process.Kill(); // SIGKILL: no shutdown, no acknowledgement, as a fatal runtime error ends a process
    }
}
