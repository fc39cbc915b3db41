using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Aithena.Testing;

/// <summary>
/// A private RabbitMQ of the project's own script (scripts/broker.sh) on free loopback ports: started by this class
/// (tests), or one the script already runs, found by its state folder (the benchmarks). Each user asks for a virtual
/// host of its own, so tests running side by side never share a queue.
/// </summary>
public sealed class PrivateBroker : IAsyncDisposable
{
    public const string AdminUser = "aithena";
    private readonly bool _owned;
    private readonly List<string> _virtualHosts = [];
    private HttpClient? _management;
    private Dictionary<string, string> _state = [];

    /// <summary>A broker this object starts (<see cref="InitializeAsync"/>) and stops, in a temporary folder.</summary>
    public PrivateBroker()
        : this(Path.Combine(Path.GetTempPath(), "aithena-broker-" + Guid.NewGuid().ToString("N")[..10]), owned: true)
    {
    }

    private PrivateBroker(string directory, bool owned)
    {
        Directory = directory;
        _owned = owned;
    }

    public int AmqpPort { get; private set; }
    public int ManagementPort { get; private set; }
    public string AdminPassword { get; private set; } = "";
    public string Directory { get; }

    public HttpClient Management => _management ?? throw new InvalidOperationException("Broker not started.");

    /// <summary>A broker scripts/broker.sh already runs with its state in <paramref name="directory"/>; disposal leaves it running.</summary>
    public static PrivateBroker Attach(string directory)
    {
        if (!File.Exists(Path.Combine(directory, "broker.env")))
        {
            throw new FileNotFoundException($"No broker state in {directory} (start one with scripts/broker.sh start --dir {directory} --auto-ports).");
        }

        var broker = new PrivateBroker(directory, owned: false);
        broker.ReadState();
        return broker;
    }

    public async ValueTask InitializeAsync()
    {
        await StartAsync();
        ReadState();
    }

    public async ValueTask DisposeAsync()
    {
        _management?.Dispose();
        if (!_owned)
        {
            await DeleteRemainingVirtualHostsAsync();
            return;
        }

        await StopAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a temp folder
        }
    }

    public Task StartAsync() => RunScriptAsync("start", "--dir", Directory, "--auto-ports");

    public Task StopAsync() => RunScriptAsync("stop", "--dir", Directory);

    public Task<string> CtlAsync(params string[] args) => RunScriptAsync(["ctl", "--dir", Directory, "--", .. args]);

    public Task<string> CtlAsync(CancellationToken cancellationToken, params string[] args) =>
        RunScriptAsync(cancellationToken, ["ctl", "--dir", Directory, "--", .. args]);

    public async Task<string> VersionAsync(CancellationToken cancellationToken) => (await CtlAsync(cancellationToken, "version")).Trim();

    /// <summary>Deletes a vhost with its queues, so what one user left behind does not weigh on the next.</summary>
    public async Task DeleteVirtualHostAsync(string name)
    {
        _virtualHosts.Remove(name);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await CtlAsync(timeout.Token, "delete_vhost", name);
    }

    /// <summary>Best effort at the end, whatever failed: nothing of ours stays on a broker someone else runs.</summary>
    public async Task DeleteRemainingVirtualHostsAsync()
    {
        foreach (var name in _virtualHosts.ToList())
        {
            try
            {
                await DeleteVirtualHostAsync(name);
            }
            catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
            {
                Console.Error.WriteLine($"could not delete vhost {name}: {e.Message}");
            }
        }
    }

    /// <summary>The operator's command: <c>scripts/broker.sh requeue-errors</c>.</summary>
    public Task<string> RequeueErrorsAsync(string virtualHost, string queue, string? to = null) => to is null
        ? RunScriptAsync("requeue-errors", "--dir", Directory, "--vhost", virtualHost, "--queue", queue)
        : RunScriptAsync("requeue-errors", "--dir", Directory, "--vhost", virtualHost, "--queue", queue, "--to", to);

    /// <summary>
    /// A fresh vhost whose plain queue declarations make quorum queues and with the script's crash-loop policy (its
    /// default delivery limit), as the script's own vhost has.
    /// </summary>
    public async Task<string> CreateVirtualHostAsync(string prefix = "t")
    {
        var name = $"{prefix}-{Guid.NewGuid().ToString("N")[..12]}";
        await CtlAsync("add_vhost", name, "--default-queue-type", "quorum");
        _virtualHosts.Add(name);
        await CtlAsync("set_permissions", "-p", name, AdminUser, ".*", ".*", ".*");
        await SetPolicyAsync(name);
        return name;
    }

    /// <summary><c>scripts/broker.sh policy</c>: the delivery limit of <c>index-document</c> and where it dead-letters.</summary>
    public Task SetPolicyAsync(string virtualHost, int? deliveryLimit = null) =>
        deliveryLimit is { } limit
            ? RunScriptAsync("policy", "--dir", Directory, "--vhost", virtualHost, "--delivery-limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture))
            : RunScriptAsync("policy", "--dir", Directory, "--vhost", virtualHost);

    public string ConnectionString(string virtualHost, string user = AdminUser, string? password = null) =>
        $"amqp://{Uri.EscapeDataString(user)}:{Uri.EscapeDataString(password ?? AdminPassword)}@127.0.0.1:{AmqpPort}/{Uri.EscapeDataString(virtualHost)}";

    /// <summary>Gives a vhost the script's service users (aithena-api, -lister, -indexer, -embedder) with their narrow rights.</summary>
    public Task ProvisionServiceUsersAsync(string virtualHost) => RunScriptAsync("provision", "--dir", Directory, "--vhost", virtualHost);

    /// <summary>The connection string of a service user: <c>api</c>, <c>lister</c>, <c>indexer</c> or <c>embedder</c>.</summary>
    public string ServiceConnectionString(string virtualHost, string service) =>
        ConnectionString(virtualHost, $"aithena-{service}", _state[$"PASS_{service.ToUpperInvariant()}"]);

    /// <summary>Connections open on a vhost, from <c>rabbitmqctl list_connections</c> (exact, unlike the management API's list).</summary>
    public async Task<IReadOnlyList<string>> ConnectionsAsync(string virtualHost)
    {
        var output = await CtlAsync("list_connections", "vhost", "client_properties");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => line.StartsWith(virtualHost + "\t", StringComparison.Ordinal))
            .ToList();
    }

    /// <summary>
    /// AMQP connections of one process on a vhost, from <c>rabbitmqctl list_connections</c>. Aithena names each
    /// connection <c>{service}@{machine}:{pid}</c>.
    /// </summary>
    public async Task<int> ConnectionsOfAsync(string virtualHost, int pid, CancellationToken cancellationToken)
    {
        var output = await CtlAsync(cancellationToken, "list_connections", "vhost", "client_properties");
        var ofPid = new System.Text.RegularExpressions.Regex($@":{pid}(?!\d)");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Count(line => line.StartsWith(virtualHost + "\t", StringComparison.Ordinal) && ofPid.IsMatch(line));
    }

    /// <summary>Consumers on a vhost with their prefetch, from <c>rabbitmqctl list_consumers</c> (exact, unlike the management API's list).</summary>
    public async Task<IReadOnlyList<(string Queue, int Prefetch)>> ConsumersAsync(string virtualHost)
    {
        var output = await CtlAsync("list_consumers", "-p", virtualHost, "queue_name", "prefetch_count");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .Where(parts => parts.Length == 2 && int.TryParse(parts[1], out _))
            .Select(parts => (parts[0], int.Parse(parts[1])))
            .ToList();
    }

    /// <summary>
    /// Reads up to <paramref name="count"/> messages and puts them back, via the management API: exact, unlike queue
    /// counters. Each read counts as a delivery on a quorum queue, and so against <c>index-document</c>'s delivery
    /// limit (<see cref="SetPolicyAsync"/>): peek that queue once, never in a polling loop.
    /// </summary>
    public async Task<IReadOnlyList<PeekedMessage>> PeekAsync(string virtualHost, string queue, int count = 1000)
    {
        using var response = await Management.PostAsJsonAsync(
            $"queues/{Uri.EscapeDataString(virtualHost)}/{Uri.EscapeDataString(queue)}/get",
            new { count, ackmode = "ack_requeue_true", encoding = "auto", truncate = 100_000 });
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return [];
        }

        response.EnsureSuccessStatusCode();
        var items = await response.Content.ReadFromJsonAsync<JsonElement[]>() ?? [];
        return items.Select(item => new PeekedMessage(
            item.GetProperty("payload").GetString() ?? "",
            item.GetProperty("properties").TryGetProperty("delivery_mode", out var mode) ? mode.GetInt32() : 0,
            item.GetProperty("properties").TryGetProperty("headers", out var headers) ? headers : default)).ToList();
    }

    /// <summary>The queues of a vhost with their type and counters, from the management API.</summary>
    public async Task<IReadOnlyList<BrokerQueue>> QueuesAsync(string virtualHost)
    {
        using var response = await Management.GetAsync($"queues/{Uri.EscapeDataString(virtualHost)}");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<List<BrokerQueue>>(new JsonSerializerOptions(JsonSerializerDefaults.Web)) ?? [];
    }

    private void ReadState()
    {
        var state = _state = File.ReadAllLines(Path.Combine(Directory, "broker.env"))
            .Where(line => line.Contains('=', StringComparison.Ordinal))
            .Select(line => line.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        AmqpPort = int.Parse(state["AMQP_PORT"], System.Globalization.CultureInfo.InvariantCulture);
        ManagementPort = int.Parse(state["MGMT_PORT"], System.Globalization.CultureInfo.InvariantCulture);
        AdminPassword = state["ADMIN_PASS"];
        _management = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ManagementPort}/api/") };
        _management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AdminUser}:{AdminPassword}")));
    }

    private static Task<string> RunScriptAsync(params string[] args) => RunScriptAsync(CancellationToken.None, args);

    private static async Task<string> RunScriptAsync(CancellationToken cancellationToken, params string[] args)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Repo.BrokerScript);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start bash");
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(180));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"broker.sh {string.Join(' ', args.Take(3))} failed ({process.ExitCode}): {(await stderr).Trim()}");
        }

        return await stdout;
    }
}
