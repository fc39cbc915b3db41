using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Aithena.Tests.Infrastructure;
using Npgsql;

namespace Aithena.Tests.Processes;

/// <summary>
/// Two hosts: the Api on this one, the Indexer on another (a network namespace made by the test, joined by a veth pair),
/// which reaches the broker and PostgreSQL only over that link and shares the library folder. Needs root and
/// <c>ip netns</c>; skipped, saying why, where they are missing.
/// </summary>
public sealed class MultiHostTests(SharedBroker shared, SharedPostgres postgres)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task An_upload_on_host_a_is_indexed_by_host_b_over_the_network_and_found_through_a()
    {
        await using var host = await OtherHost.CreateAsync();
        await using var system = await TestSystem.CreateAsync(shared.Broker);
        var catalog = await postgres.CreateDatabaseAsync();
        try
        {
            // This host's services listen on loopback only: host B reaches them through relays on the link's address alone.
            var database = new NpgsqlConnectionStringBuilder(catalog);
            await using var brokerRelay = Relay.Start(host.LocalAddress, shared.Broker.AmqpPort);
            await using var postgresRelay = Relay.Start(host.LocalAddress, database.Port);
            var remoteCatalog = new NpgsqlConnectionStringBuilder(catalog) { Host = host.LocalAddress.ToString(), Port = postgresRelay.Port }.ConnectionString;
            var remoteMessaging = new UriBuilder(shared.Broker.ConnectionString(system.VirtualHost))
            {
                Host = host.LocalAddress.ToString(),
                Port = brokerRelay.Port,
            }.Uri.ToString();

            var api = await system.StartProcessAsync("Aithena.Api", ("ConnectionStrings:catalog", catalog));
            await using var indexer = host.Start("Aithena.Indexer", new Dictionary<string, string>
            {
                ["ConnectionStrings__messaging"] = remoteMessaging,
                ["ConnectionStrings__catalog"] = remoteCatalog,
                ["Library__Path"] = system.Library.LibraryPath,
            });
            await Eventually.Until(indexer.HealthyAsync, healthy => healthy, Timeout, "the Indexer on host B to be healthy");

            using var upload = await api.Http.UploadAsync(TestPdf.WithPages("Host A takes the upload.", "Host B reads the narwhal on page two."), "narwhal.pdf");
            Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
            var id = await upload.UploadIdAsync();

            await api.Http.WaitForStatusAsync(id, Timeout, "indexed");
            var results = await api.Http.GetAsync<SearchResponse>("/v1/search?q=narwhal");
            Assert.Equal(id, results.Results[0].Id);
            Assert.True(brokerRelay.Connections > 0 && postgresRelay.Connections > 0, "host B reached the broker and PostgreSQL over the link");
        }
        finally
        {
            await postgres.DropDatabaseAsync(catalog);
        }
    }

    /// <summary>A network namespace with a veth pair to this one: another host, as far as the network goes.</summary>
    private sealed class OtherHost : IAsyncDisposable
    {
        private readonly string _name;
        private readonly string _link;

        private OtherHost(string name, string link, int subnet)
        {
            _name = name;
            _link = link;
            LocalAddress = IPAddress.Parse($"10.213.{subnet}.1");
            RemoteAddress = IPAddress.Parse($"10.213.{subnet}.2");
        }

        public IPAddress LocalAddress { get; }
        public IPAddress RemoteAddress { get; }

        public static async Task<OtherHost> CreateAsync()
        {
            if (Environment.UserName != "root")
            {
                Assert.Skip($"Needs root to create a network namespace (running as {Environment.UserName}).");
            }

            var suffix = Guid.NewGuid().ToString("N")[..6];
            var host = new OtherHost("aith-" + suffix, "va" + suffix, Random.Shared.Next(0, 255));
            var (ok, error) = await RunAsync("ip", "netns", "add", host._name);
            if (!ok)
            {
                Assert.Skip($"Cannot create a network namespace here: {error}");
            }

            string[][] steps =
            [
                ["ip", "link", "add", host._link, "type", "veth", "peer", "name", "vb" + suffix],
                ["ip", "link", "set", "vb" + suffix, "netns", host._name],
                ["ip", "addr", "add", $"{host.LocalAddress}/30", "dev", host._link],
                ["ip", "link", "set", host._link, "up"],
                ["ip", "netns", "exec", host._name, "ip", "addr", "add", $"{host.RemoteAddress}/30", "dev", "vb" + suffix],
                ["ip", "netns", "exec", host._name, "ip", "link", "set", "vb" + suffix, "up"],
                ["ip", "netns", "exec", host._name, "ip", "link", "set", "lo", "up"],
            ];
            foreach (var step in steps)
            {
                (ok, error) = await RunAsync(step);
                if (!ok)
                {
                    await host.DisposeAsync();
                    Assert.Skip($"Cannot link a network namespace here ({string.Join(' ', step)}): {error}");
                }
            }

            return host;
        }

        /// <summary>A service of this repository as a process on the other host, listening on its address.</summary>
        public RemoteService Start(string project, IDictionary<string, string> environment)
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var address = new Uri($"http://{RemoteAddress}:{port}");
            var info = new ProcessStartInfo("ip")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = Path.GetDirectoryName(Repo.ServiceDll(project))!,
            };
            foreach (var arg in (string[])["netns", "exec", _name, "dotnet", Repo.ServiceDll(project), "--urls", address.ToString().TrimEnd('/')])
            {
                info.ArgumentList.Add(arg);
            }

            foreach (var key in info.Environment.Keys.Where(k => k.Contains("__", StringComparison.Ordinal) || k.StartsWith("ConnectionStrings", StringComparison.Ordinal)).ToList())
            {
                info.Environment.Remove(key);
            }

            info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            foreach (var (key, value) in environment)
            {
                info.Environment[key] = value;
            }

            return new RemoteService(Process.Start(info)!, address);
        }

        public async ValueTask DisposeAsync()
        {
            await RunAsync("ip", "netns", "del", _name);
            await RunAsync("ip", "link", "del", _link);
        }

        private static async Task<(bool Ok, string Error)> RunAsync(params string[] args)
        {
            try
            {
                var info = new ProcessStartInfo(args[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                foreach (var arg in args[1..])
                {
                    info.ArgumentList.Add(arg);
                }

                using var process = Process.Start(info)!;
                var error = process.StandardError.ReadToEndAsync();
                await process.WaitForExitAsync();
                return (process.ExitCode == 0, (await error).Trim());
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                return (false, e.Message);
            }
        }
    }

    private sealed class RemoteService : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();
        private readonly HttpClient _http;

        public RemoteService(Process process, Uri address)
        {
            _process = process;
            _http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public string Output => string.Join('\n', _output);

        public async Task<bool> HealthyAsync()
        {
            try
            {
                using var response = await _http.GetAsync("/health");
                return response.IsSuccessStatusCode;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            TestContext.Current.TestOutputHelper?.WriteLine($"--- host B: indexer ---\n{Output}");
            _http.Dispose();
            _process.Dispose();
        }
    }

    /// <summary>A TCP relay on an address of the link to a port on this host's loopback: all host B can reach of it.</summary>
    private sealed class Relay : IAsyncDisposable
    {
        private readonly TcpListener _listener;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _accepting;
        private int _connections;

        private Relay(IPAddress address, int target)
        {
            _listener = new TcpListener(address, 0);
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _accepting = AcceptAsync(target);
        }

        public int Port { get; }
        public int Connections => _connections;

        public static Relay Start(IPAddress address, int target) => new(address, target);

        private async Task AcceptAsync(int target)
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync(_stop.Token);
                }
                catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    return;
                }

                Interlocked.Increment(ref _connections);
                _ = PipeAsync(client, target);
            }
        }

        private async Task PipeAsync(TcpClient client, int target)
        {
            using (client)
            using (var upstream = new TcpClient())
            {
                try
                {
                    await upstream.ConnectAsync(IPAddress.Loopback, target, _stop.Token);
                    var a = client.GetStream().CopyToAsync(upstream.GetStream(), _stop.Token);
                    var b = upstream.GetStream().CopyToAsync(client.GetStream(), _stop.Token);
                    await Task.WhenAny(a, b);
                }
                catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
                {
                    // a connection ends: either side closed, or the test is over
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            await _accepting;
            _stop.Dispose();
        }
    }
}
