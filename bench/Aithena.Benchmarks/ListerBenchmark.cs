using System.Diagnostics;
using System.Globalization;
using Aithena.Lister.Scanning;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Aithena.Testing;

namespace Aithena.Benchmarks;

/// <summary>
/// Section 4: the Lister's first scan (every file new: sent, confirmed, recorded) and an unchanged rescan (nothing to
/// send) of libraries of tiny files named *.pdf, the Lister hosted in this process exactly as its Program.cs composes it.
/// </summary>
public sealed class ListerBenchmark(BenchContext context)
{
    public const string Title = "4. Lister";
    private static readonly byte[] TinyPdf = "%PDF-1.4\n%%EOF\n"u8.ToArray();
    private readonly int[] _sizes = context.Smoke ? [50, 500] : [1_000, 100_000];

    private sealed record Row(int Files, ScanResult First, TimeSpan FirstWall, ScanResult Rescan, TimeSpan RescanWall);

    public async Task<Report> RunAsync(CancellationToken cancellationToken)
    {
        var rows = new List<Row>();
        foreach (var size in _sizes)
        {
            BenchContext.Log($"lister: {size} files");
            rows.Add(await MeasureAsync(size, cancellationToken));
        }

        return Write(rows);
    }

    private async Task<Row> MeasureAsync(int files, CancellationToken cancellationToken)
    {
        var vhost = await context.Broker.CreateVirtualHostAsync("bench-lister");
        using var library = new TestLibrary("bench-lister");
        try
        {
            await using var app = await StartListerAsync(vhost, library, cancellationToken);
            // The scan the service runs at start-up sees the empty library; the files come after it, so the two scans
            // measured below are a first scan of every file and a rescan of the same, unchanged ones.
            var status = app.Services.GetRequiredService<ScanStatus>();
            await Load.UntilAsync(() => Task.FromResult(status.Completed >= 1), TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(50),
                "the Lister's start-up scan", cancellationToken);
            for (var i = 0; i < files; i++)
            {
                library.Write($"bulk/{i / 1000:000}/Author {i % 97} - Title {i:000000} (2001).pdf", TinyPdf);
            }

            var sync = app.Services.GetRequiredService<LibrarySync>();
            var clock = Stopwatch.StartNew();
            var first = await sync.RunAsync(cancellationToken);
            var firstWall = clock.Elapsed;
            clock.Restart();
            var rescan = await sync.RunAsync(cancellationToken);
            var rescanWall = clock.Elapsed;
            if (first.FilesSeen != files || first.Queued != files || rescan.Queued != 0 || !first.Complete || !rescan.Complete)
            {
                throw new InvalidOperationException(
                    $"unexpected scans of {files} files: first {first.FilesSeen} seen / {first.Queued} queued ({first.Problem}), rescan {rescan.Queued} queued ({rescan.Problem})");
            }

            return new Row(files, first, firstWall, rescan, rescanWall);
        }
        finally
        {
            SqliteConnection.ClearAllPools(); // the catalog file is deleted with the library
            await context.Broker.DeleteVirtualHostAsync(vhost);
        }
    }

    /// <summary>The Lister's host as its Program.cs builds it (AddServiceDefaults, AddLister), configured only from here.</summary>
    private async Task<WebApplication> StartListerAsync(string vhost, TestLibrary library, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = "Aithena.Lister",
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:messaging"] = context.Broker.ConnectionString(vhost),
            ["ConnectionStrings:catalog"] = library.CatalogConnectionString,
            ["Library:Path"] = library.LibraryPath,
            ["Lister:Interval"] = "1.00:00:00", // no scan of its own while the benchmark runs them
            ["Messaging:StartTimeout"] = "00:00:30",
            ["Messaging:StopTimeout"] = "00:00:10",
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.AddLister();

        var app = builder.Build();
        app.MapDefaultEndpoints();
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    private Report Write(List<Row> rows)
    {
        var report = new Report().Heading(Title).Paragraph(
            $"""
            Libraries of {string.Join(" and ", _sizes.Select(s => s.ToString("N0", CultureInfo.InvariantCulture)))} tiny files named `*.pdf`
            (the Lister does not open them), 1,000 per folder. The Lister runs in this process, composed as its Program.cs does
            (`AddServiceDefaults`, `AddLister`, default `Lister:MaxParallelSends` and `Lister:BatchSize`), on a fresh vhost and catalog;
            `LibrarySync.RunAsync` is called twice: the first scan sends a confirmed `IndexDocument` per file and records it queued,
            the rescan finds nothing changed. No Indexer runs.
            """);
        report.Table(["Files", "First scan s", "Files/s", "Queued", "Unchanged rescan ms", "Files/s (rescan)"],
            rows.Select(r => (IReadOnlyList<string>)[r.Files.ToString("N0", CultureInfo.InvariantCulture), Report.N(r.FirstWall.TotalSeconds, 2),
                Report.N(r.Files / r.FirstWall.TotalSeconds), Report.N(r.First.Queued), Report.N(r.RescanWall.TotalMilliseconds),
                Report.N(r.Files / r.RescanWall.TotalSeconds)]));
        return report;
    }
}
