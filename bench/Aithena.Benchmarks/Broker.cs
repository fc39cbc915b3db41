using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Aithena.Benchmarks;

/// <summary>
/// The private broker scripts/broker.sh started in a state folder: its ports and admin password from broker.env,
/// and rabbitmqctl through the script (the only CLI that reaches a private node).
/// </summary>
public sealed class Broker
{
    public const string AdminUser = "aithena";
    private readonly string _script;
    private readonly List<string> _virtualHosts = [];

    public Broker(string directory, string repoRoot)
    {
        Directory = directory;
        _script = Path.Combine(repoRoot, "scripts", "broker.sh");
        var envFile = Path.Combine(directory, "broker.env");
        if (!File.Exists(envFile))
        {
            throw new FileNotFoundException($"No broker state in {directory} (start one with scripts/broker.sh start --dir {directory} --auto-ports).", envFile);
        }

        var state = File.ReadAllLines(envFile).Where(l => l.Contains('=')).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        AmqpPort = int.Parse(state["AMQP_PORT"], System.Globalization.CultureInfo.InvariantCulture);
        AdminPassword = state["ADMIN_PASS"];
    }

    public string Directory { get; }
    public int AmqpPort { get; }
    public string AdminPassword { get; }

    public string ConnectionString(string virtualHost) =>
        $"amqp://{AdminUser}:{Uri.EscapeDataString(AdminPassword)}@127.0.0.1:{AmqpPort}/{Uri.EscapeDataString(virtualHost)}";

    /// <summary>A fresh vhost whose plain declares make quorum queues, as the script's own <c>aithena</c> vhost does.</summary>
    public async Task<string> CreateVirtualHostAsync(string purpose, CancellationToken cancellationToken)
    {
        var name = $"bench-{purpose}-{Guid.NewGuid().ToString("N")[..8]}";
        await CtlAsync(cancellationToken, "add_vhost", name, "--default-queue-type", "quorum");
        _virtualHosts.Add(name);
        await CtlAsync(cancellationToken, "set_permissions", "-p", name, AdminUser, ".*", ".*", ".*");
        return name;
    }

    /// <summary>Deletes a vhost with its queues, so a section's backlog does not weigh on the next one.</summary>
    public async Task DeleteVirtualHostAsync(string name)
    {
        _virtualHosts.Remove(name);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await CtlAsync(timeout.Token, "delete_vhost", name);
    }

    /// <summary>Best effort at the end of a run, whatever failed: nothing of ours stays on a shared broker.</summary>
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
                Console.Error.WriteLine($"bench: could not delete vhost {name}: {e.Message}");
            }
        }
    }

    /// <summary>
    /// AMQP connections per process id on a vhost, from <c>rabbitmqctl list_connections</c> (exact, unlike the management
    /// API). Aithena names each connection <c>{service}@{machine}:{pid}</c>.
    /// </summary>
    public async Task<int> ConnectionsOfAsync(string virtualHost, int pid, CancellationToken cancellationToken)
    {
        var output = await CtlAsync(cancellationToken, "list_connections", "vhost", "client_properties");
        var ofPid = new Regex($@":{pid}(?!\d)");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Count(line => line.StartsWith(virtualHost + "\t", StringComparison.Ordinal) && ofPid.IsMatch(line));
    }

    public async Task<string> VersionAsync(CancellationToken cancellationToken) => (await CtlAsync(cancellationToken, "version")).Trim();

    public async Task<string> CtlAsync(CancellationToken cancellationToken, params string[] args)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])[_script, "ctl", "--dir", Directory, "--", .. args])
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start bash");
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
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
            throw new InvalidOperationException($"broker.sh ctl {string.Join(' ', args.Take(2))} failed ({process.ExitCode}): {(await stderr).Trim()}");
        }

        return await stdout;
    }
}
