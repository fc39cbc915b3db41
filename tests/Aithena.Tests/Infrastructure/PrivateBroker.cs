using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Aithena.Tests.Infrastructure;

/// <summary>
/// A private RabbitMQ started with the project's own script (scripts/broker.sh) on free loopback ports.
/// Each test asks for a virtual host of its own, so tests running side by side never share a queue.
/// </summary>
public sealed class PrivateBroker : IAsyncLifetime
{
    public const string AdminUser = "aithena";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "aithena-broker-" + Guid.NewGuid().ToString("N")[..10]);
    private HttpClient? _management;
    private Dictionary<string, string> _state = [];

    public int AmqpPort { get; private set; }
    public int ManagementPort { get; private set; }
    public string AdminPassword { get; private set; } = "";
    public string Directory => _dir;

    public HttpClient Management => _management ?? throw new InvalidOperationException("Broker not started.");

    public async ValueTask InitializeAsync()
    {
        await StartAsync();
        var state = _state = File.ReadAllLines(Path.Combine(_dir, "broker.env"))
            .Select(line => line.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        AmqpPort = int.Parse(state["AMQP_PORT"]);
        ManagementPort = int.Parse(state["MGMT_PORT"]);
        AdminPassword = state["ADMIN_PASS"];
        _management = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ManagementPort}/api/") };
        _management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AdminUser}:{AdminPassword}")));
    }

    public async ValueTask DisposeAsync()
    {
        _management?.Dispose();
        await StopAsync();
        try
        {
            System.IO.Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a temp folder
        }
    }

    public Task StartAsync() => RunScriptAsync("start", "--dir", _dir, "--auto-ports");

    public Task StopAsync() => RunScriptAsync("stop", "--dir", _dir);

    public Task<string> CtlAsync(params string[] args) => RunScriptAsync(["ctl", "--dir", _dir, "--", .. args]);

    /// <summary>The operator's command: <c>scripts/broker.sh requeue-errors</c>.</summary>
    public Task<string> RequeueErrorsAsync(string virtualHost, string queue, string? to = null) => to is null
        ? RunScriptAsync("requeue-errors", "--dir", _dir, "--vhost", virtualHost, "--queue", queue)
        : RunScriptAsync("requeue-errors", "--dir", _dir, "--vhost", virtualHost, "--queue", queue, "--to", to);

    /// <summary>
    /// A fresh vhost whose plain queue declarations make quorum queues and with the script's crash-loop policy (its
    /// default delivery limit), as the script's own vhost has.
    /// </summary>
    public async Task<string> CreateVirtualHostAsync()
    {
        var name = "t-" + Guid.NewGuid().ToString("N")[..12];
        await CtlAsync("add_vhost", name, "--default-queue-type", "quorum");
        await CtlAsync("set_permissions", "-p", name, AdminUser, ".*", ".*", ".*");
        await SetPolicyAsync(name);
        return name;
    }

    /// <summary><c>scripts/broker.sh policy</c>: the delivery limit of <c>index-document</c> and where it dead-letters.</summary>
    public Task SetPolicyAsync(string virtualHost, int? deliveryLimit = null) =>
        deliveryLimit is { } limit
            ? RunScriptAsync("policy", "--dir", _dir, "--vhost", virtualHost, "--delivery-limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture))
            : RunScriptAsync("policy", "--dir", _dir, "--vhost", virtualHost);

    public string ConnectionString(string virtualHost, string user = AdminUser, string? password = null) =>
        $"amqp://{Uri.EscapeDataString(user)}:{Uri.EscapeDataString(password ?? AdminPassword)}@127.0.0.1:{AmqpPort}/{Uri.EscapeDataString(virtualHost)}";

    /// <summary>Gives a vhost the script's service users (aithena-api, -lister, -indexer) with their narrow rights.</summary>
    public Task ProvisionServiceUsersAsync(string virtualHost) => RunScriptAsync("provision", "--dir", _dir, "--vhost", virtualHost);

    /// <summary>The connection string of a service user: <c>api</c>, <c>lister</c> or <c>indexer</c>.</summary>
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

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Management.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<string> RunScriptAsync(params string[] args)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Repo.BrokerScript);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"broker.sh {string.Join(' ', args.Take(3))} failed ({process.ExitCode}): {await stderr}");
        }

        return await stdout;
    }
}

/// <summary>A message as the management API returns it: body, delivery mode (2 = persistent) and headers.</summary>
public sealed record PeekedMessage(string Payload, int DeliveryMode, JsonElement Headers)
{
    /// <summary>The MassTransit envelope's <c>message</c> object.</summary>
    public JsonElement Message => JsonDocument.Parse(Payload).RootElement.GetProperty("message");

    public string? Header(string name) =>
        Headers.ValueKind == JsonValueKind.Object && Headers.TryGetProperty(name, out var value) ? value.ToString() : null;
}
