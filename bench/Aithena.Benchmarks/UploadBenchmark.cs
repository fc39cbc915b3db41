using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Aithena.Testing;

namespace Aithena.Benchmarks;

/// <summary>
/// Section 2: <c>POST /v1/upload</c> of the real Api as processes, one and two of them on one catalog and library:
/// uploads per second and latency at several client counts, the AMQP connections each process holds while under
/// load, and each process's peak memory.
/// </summary>
public sealed class UploadBenchmark(BenchContext context)
{
    public const string Title = "2. Upload endpoint";
    private const int PdfSize = 100 * 1024;
    private static readonly int[] ApiCounts = [1, 2];
    private static readonly int[] ClientCounts = [1, 16, 64];
    private static readonly Lazy<byte[]> BasePdf = new(() => TestPdf.Generated(1, "Upload benchmark"));
    private long _counter;

    private readonly Plan _plan = context.Smoke
        ? new Plan(Rounds: 1, Uploads: [4, 32, 64], WarmUp: 4, Budget: TimeSpan.FromSeconds(20))
        : new Plan(Rounds: 3, Uploads: [1000, 3000, 3000], WarmUp: 50, Budget: TimeSpan.FromSeconds(60));

    private sealed record Plan(int Rounds, int[] Uploads, int WarmUp, TimeSpan Budget);

    private sealed record Row(int Apis, int Clients, Rounds Result);

    private sealed record ProcessRow(int Apis, int Pid, int Connections, double PeakMemoryMb);

    /// <summary>One set-up: its Api processes, vhost, library and catalog, and what was measured on it.</summary>
    private sealed class Setup(int apis, string virtualHost, TestLibrary library)
    {
        public int Apis { get; } = apis;
        public string VirtualHost { get; } = virtualHost;
        public TestLibrary Library { get; } = library;
        public ServiceGroup? Group { get; set; }
        public List<Row> Rows { get; } = [];
        public Dictionary<int, int> Connections { get; } = [];

        public async Task DisposeAsync(PrivateBroker broker)
        {
            if (Group is not null)
            {
                await Group.DisposeAsync();
            }

            await broker.DeleteVirtualHostAsync(VirtualHost);
            Library.Dispose();
        }
    }

    public async Task<Report> RunAsync(CancellationToken cancellationToken)
    {
        // Every set-up runs from the start, each on a vhost, library and catalog of its own, so that their rounds can
        // be interleaved; an idle Api costs next to nothing.
        var setups = new List<Setup>();
        try
        {
            foreach (var apis in ApiCounts)
            {
                var setup = new Setup(apis, await context.Broker.CreateVirtualHostAsync("bench-upload"), new TestLibrary("bench-upload"));
                setups.Add(setup);
                setup.Group = await context.StartAsync("Aithena.Api", apis, setup.VirtualHost, setup.Library, cancellationToken);
                setup.Rows.AddRange(ClientCounts.Select(clients => new Row(apis, clients, new Rounds())));
                await Load.RunAsync(apis, _plan.WarmUp * apis, _plan.Budget, (_, n, ct) => UploadAsync(setup.Group, n, ct), cancellationToken);
            }

            for (var round = 1; round <= _plan.Rounds; round++)
            {
                foreach (var setup in setups)
                {
                    for (var i = 0; i < ClientCounts.Length; i++)
                    {
                        var clients = ClientCounts[i];
                        BenchContext.Log($"upload round {round}: {setup.Apis} Api process(es), {clients} client(s), {_plan.Uploads[i]} uploads");
                        // Connections are counted half-way through the first round of the most concurrent row, when the
                        // processes are busiest, and not during other rows: a rabbitmqctl call starts an Erlang VM (~0.3 s CPU).
                        var sample = round == 1 && clients == ClientCounts[^1]
                            ? SampleConnectionsAsync(setup, TimeSpan.FromSeconds(context.Smoke ? 0.2 : 2), cancellationToken)
                            : Task.CompletedTask;
                        setup.Rows[i].Result.Add(await Load.RunAsync(clients, _plan.Uploads[i], _plan.Budget, (_, n, ct) => UploadAsync(setup.Group!, n, ct), cancellationToken));
                        await sample;
                    }
                }
            }

            var processes = new List<ProcessRow>();
            foreach (var setup in setups)
            {
                await SampleConnectionsAsync(setup, TimeSpan.Zero, cancellationToken);
                processes.AddRange(setup.Group!.Processes.Select(p => new ProcessRow(setup.Apis, p.Pid, setup.Connections[p.Pid], p.PeakMemoryMb())));
            }

            return Write(setups.SelectMany(s => s.Rows).ToList(), processes);
        }
        finally
        {
            foreach (var setup in setups)
            {
                await setup.DisposeAsync(context.Broker);
            }
        }
    }

    /// <summary>One upload of a ~100 KB PDF whose bytes no other upload has; anything but 202 is an error.</summary>
    private async Task UploadAsync(ServiceGroup group, int n, CancellationToken cancellationToken)
    {
        var number = Interlocked.Increment(ref _counter);
        var api = group.Processes[n % group.Processes.Count];
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(TestPdf.Padded(BasePdf.Value, PdfSize, number));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", $"bench-upload-{number:0000000}.pdf");
        using var response = await context.Http.PostAsync(new Uri(api.BaseAddress, "/v1/upload"), form, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new HttpRequestException($"upload answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    /// <summary>Keeps, per process, the most connections seen on the vhost (Aithena names them after the pid).</summary>
    private async Task SampleConnectionsAsync(Setup setup, TimeSpan after, CancellationToken cancellationToken)
    {
        await Task.Delay(after, cancellationToken);
        foreach (var process in setup.Group!.Processes)
        {
            var count = await context.Broker.ConnectionsOfAsync(setup.VirtualHost, process.Pid, cancellationToken);
            setup.Connections[process.Pid] = Math.Max(setup.Connections.GetValueOrDefault(process.Pid), count);
        }
    }

    private Report Write(List<Row> rows, List<ProcessRow> processes)
    {
        var report = new Report().Heading(Title).Paragraph(
            $"""
            `POST /v1/upload` (multipart field `file`) of a {PdfSize / 1024} KB PDF, different bytes every time (padding after
            `%%EOF` carries a counter, as identical bytes would be answered 200 as a duplicate), to the real Api run as
            processes (`dotnet Aithena.Api.dll`, Production, log level Warning); the one-Api and the two-Api set-ups each have a
            vhost, library and catalog of their own (two Apis share theirs, as a deployment does) and run side by side, idle in turn;
            no Indexer runs, so the commands stay queued. A request counts when it is answered 202, which the Api does only
            after the broker confirmed the command. Clients are spread evenly over the Apis. Counts: {string.Join(" / ", _plan.Uploads)}
            uploads per round at {string.Join(" / ", ClientCounts)} clients, after {_plan.WarmUp} unmeasured uploads per Api, at most
            {_plan.Budget.TotalSeconds:F0} s per round. {PublishBenchmark.RoundsText(_plan.Rounds)} The load driver runs on the same {Environment.ProcessorCount} CPUs as the
            Apis and the broker.
            """);
        report.Table(["Api processes", "Clients", "Uploads", "Uploads/s", "p50 ms", "p99 ms", "Errors", "Uploads/s per round"],
            rows.Select(r => (IReadOnlyList<string>)[I(r.Apis), I(r.Clients), Report.N(r.Result.Completed), Report.N(r.Result.PerSecond),
                Report.Ms(r.Result.P50), Report.Ms(r.Result.P99), Report.N(r.Result.Errors) + (r.Result.FirstError is { } e ? $" ({e[..Math.Min(e.Length, 120)]})" : ""),
                r.Result.PerRound]));
        report.Paragraph($"AMQP connections per process: the most `rabbitmqctl list_connections` showed for the process's pid, read half-way through the first round of the {ClientCounts[^1]}-client row and after the last round. Peak memory: `VmHWM` from `/proc/PID/status` after the last round.");
        report.Table(["Api processes", "Process (pid)", "AMQP connections", "Peak memory (VmHWM)"],
            processes.Select(p => (IReadOnlyList<string>)[I(p.Apis), I(p.Pid), I(p.Connections), Report.N(p.PeakMemoryMb, 0) + " MB"]));

        foreach (var row in rows.Where(r => r.Clients == 16))
        {
            context.Targets.Add(new TargetResult($"Upload p99 < 50 ms at 16 clients, {row.Apis} Api process(es)",
                Report.Ms(row.Result.P99) + " ms", row.Result.P99 < 50 && row.Result.Errors == 0));
        }

        return report;
    }

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
