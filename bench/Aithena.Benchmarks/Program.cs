using System.Diagnostics;
using System.Runtime.InteropServices;
using Aithena.Benchmarks;
using Aithena.Testing;

// The benchmark suite: one run, one broker, every section side by side, written to one Markdown report.
if (args is ["search", ..])
{
    // Search at scale (scripts/bench.sh --search): a catalog per engine, no broker; its own block of the report.
    using var searchCancel = new CancellationTokenSource(TimeSpan.FromHours(6));
    using var searchInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; searchCancel.Cancel(); });
    using var searchTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; searchCancel.Cancel(); });
    return await SearchBenchmark.RunAsync(args[1..], searchCancel.Token);
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

// A bound on the whole run; Ctrl-C and SIGTERM cancel it too, so every section's finally stops what it started.
// The smoke run shares two cores with the rest of the test suite, which runs beside it.
using var cancel = new CancellationTokenSource(options.Smoke ? TimeSpan.FromMinutes(10) : TimeSpan.FromMinutes(60));
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; cancel.Cancel(); });
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; cancel.Cancel(); });
var token = cancel.Token;

var clock = Stopwatch.StartNew();
var started = DateTimeOffset.UtcNow;
var loadAtStart = Machine.LoadAverage();
var broker = PrivateBroker.Attach(options.BrokerDirectory);
using var context = new BenchContext(options, broker);
var sections = new Report();
var failures = new List<string>();

(string Key, string Title, Func<CancellationToken, Task<Report>> Run)[] all =
[
    ("publish", PublishBenchmark.Title, new PublishBenchmark(context).RunAsync),
    ("upload", UploadBenchmark.Title, new UploadBenchmark(context).RunAsync),
    ("indexer", IndexerBenchmark.Title, new IndexerBenchmark(context).RunAsync),
    ("lister", ListerBenchmark.Title, new ListerBenchmark(context).RunAsync),
    ("corpus", CorpusBenchmark.Title, new CorpusBenchmark(context).RunAsync),
    ("web", WebBenchmark.Title, new WebBenchmark(context).RunAsync),
    ("ocr", OcrBenchmark.Title, new OcrBenchmark(context).RunAsync),
    ("pipeline", PipelineBenchmark.Title, new PipelineBenchmark(context).RunAsync),
    ("covers", CoverBenchmark.Title, new CoverBenchmark(context).RunAsync),
];
var plan = all.Where(section => options.Sections is null || options.Sections.Contains(section.Key)).ToList();
if (plan.Count == 0)
{
    Console.Error.WriteLine($"bench: no section named {string.Join(", ", options.Sections!)}; the sections are {string.Join(", ", all.Select(s => s.Key))}");
    return 2;
}

var written = new Dictionary<string, Report>();
var targetsOf = new Dictionary<string, List<TargetResult>>(); // each section's own targets, for a section rerun on its own

var machine = new Report();
try
{
    try
    {
        machine = await Machine.DescribeAsync(broker, options.RepoRoot, token);
    }
    catch (Exception e) when (!token.IsCancellationRequested)
    {
        failures.Add($"Machine: {e.GetType().Name}: {e.Message}");
        machine.Heading("Machine").Paragraph($"**Could not be described:** `{e.Message.Split('\n')[0]}`");
    }

    foreach (var (key, title, run) in plan)
    {
        var sectionClock = Stopwatch.StartNew();
        BenchContext.Log($"section {title}");
        var section = new Report();
        var targetsBefore = context.Targets.Count;
        try
        {
            section.Append(await run(token));
        }
        catch (Exception e) when (!token.IsCancellationRequested)
        {
            // One broken section is reported and the others still run: their figures are worth having.
            failures.Add($"{title}: {e.GetType().Name}: {e.Message}");
            section.Heading(title).Paragraph($"**Failed:** `{e.GetType().Name}: {e.Message.Split('\n')[0]}`");
            Console.Error.WriteLine($"bench: section {title} failed: {e}");
        }

        written[key] = section;
        targetsOf[key] = context.Targets.Skip(targetsBefore).ToList();
        sections.Marked(key, section);

        BenchContext.Log($"section {title} took {sectionClock.Elapsed.TotalSeconds:F0} s");
    }
}
catch (Exception) when (token.IsCancellationRequested)
{
    Console.Error.WriteLine("bench: cancelled (interrupted, or the run took longer than its bound); no report written");
    return 130;
}
finally
{
    await broker.DeleteRemainingVirtualHostsAsync();
}

Directory.CreateDirectory(Path.GetDirectoryName(options.Output)!);
if (options.Sections is not null && File.Exists(options.Output))
{
    // Some sections run again on their own: they replace theirs in the existing report, the rest stays as it was.
    var text = await File.ReadAllTextAsync(options.Output, CancellationToken.None);
    foreach (var (key, section) in written)
    {
        var rerun = new Report()
            .Append(section)
            .Paragraph($"*This section was measured on its own, {started:yyyy-MM-dd HH:mm} UTC, by `{options.Command}`{(loadAtStart > Environment.ProcessorCount / 2.0 ? $", with the machine busy (load average {loadAtStart:F1})" : "")}.*")
            .Table(["Target", "Measured", "Met"], targetsOf[key].Select(t => t.Row));
        text = Report.ReplaceMarked(text, key, rerun);
    }

    await File.WriteAllTextAsync(options.Output, text, CancellationToken.None);
    BenchContext.Log($"updated {string.Join(", ", written.Keys)} in {options.Output} in {clock.Elapsed.TotalMinutes:F1} min; {failures.Count} section(s) failed");
    return failures.Count == 0 ? 0 : 1;
}

var report = new Report()
    .Heading(options.Smoke ? "Aithena benchmarks (smoke run: tiny counts, figures meaningless)" : "Aithena benchmarks", 1)
    .Paragraph(
        $"""
        Measured {started:yyyy-MM-dd HH:mm} UTC in {clock.Elapsed.TotalMinutes:F1} min by `{options.Command}` ({options.Configuration} build).
        Everything ran on this one machine over loopback: one private RabbitMQ, the services as processes (or in-process
        where said), and the load driver. Figures are what one run measured; they move by several per cent between runs,
        and on {Environment.ProcessorCount} CPUs the driver competes with what it measures.
        """)
    .Paragraph(loadAtStart > Environment.ProcessorCount / 2.0
        ? $"**The machine was busy when the run started** (load average {loadAtStart:F1} on {Environment.ProcessorCount} CPUs): other work competed for the CPUs, so read these figures as lower bounds."
        : "")
    .Append(machine)
    .Heading("Targets")
    .Table(["Target", "Measured", "Met"], context.Targets.Select(t => t.Row))
    .Append(sections);
if (failures.Count > 0)
{
    report.Heading("Failures").Bullets(failures);
}

// The search-at-scale block (scripts/bench.sh --search) takes hours to rebuild: carried over as it is.
await File.WriteAllTextAsync(options.Output, report.ToString() + SearchBenchmark.Block(options.Output), CancellationToken.None);
BenchContext.Log($"wrote {options.Output} in {clock.Elapsed.TotalMinutes:F1} min; {failures.Count} section(s) failed");
return failures.Count == 0 ? 0 : 1;
