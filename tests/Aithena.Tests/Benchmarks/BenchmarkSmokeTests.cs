using System.Collections.Concurrent;
using System.Diagnostics;
using Aithena.Tests.Infrastructure;

namespace Aithena.Tests.Benchmarks;

/// <summary>
/// The benchmark suite (bench/Aithena.Benchmarks, run for real by scripts/bench.sh) in its --smoke mode: every section
/// runs its own code paths with tiny counts against the shared broker, so the benchmark cannot rot unnoticed. Nothing
/// here asserts a timing; the figures of a smoke run mean nothing.
/// </summary>
public sealed class BenchmarkSmokeTests(SharedBroker shared)
{
    private static readonly string[] ExpectedInReport =
    [
        "# Aithena benchmarks",
        "## Machine",
        "## Targets",
        "| Target | Measured | Met |",
        "## 1. Publish path",
        "| Pattern | Publishers | Messages | Msgs/s | p50 ms | p99 ms | Errors | Msgs/s per round |",
        "| Publishers | Aithena / per-request (with confirms) | Aithena / limit | Limit / per-request (with confirms) |",
        "## 2. Upload endpoint",
        "| Api processes | Clients | Uploads | Uploads/s | p50 ms | p99 ms | Errors | Uploads/s per round |",
        "| Api processes | Process (pid) | AMQP connections | Peak memory (VmHWM) |",
        "## 3. Indexer",
        "| Pages per PDF | Indexers | Documents per round | Documents/s | Pages/s | Documents/s per round | Peak memory per Indexer (VmHWM, largest) |",
        "### Upload to searchable",
        "| Uploads | p50 ms | p99 ms | max ms |",
        "## 4. Lister",
        "| Files | First scan s | Files/s | Queued | Unchanged rescan ms | Files/s (rescan) |",
        "## 5. Real PDFs: the Indexer against pdftotext",
        "| Extractor | Processes | Pages | Time | Pages/s | vs pdftotext, same processes | Peak memory per process |",
        "| Search page with its covers |",
        "## 9. Covers",
        "|  | covers/s | p50 ms | p95 ms | max ms | PNG p50 KB | failed |",
    ];

    [Fact]
    public async Task The_benchmark_suite_runs_every_section_in_smoke_mode_and_writes_every_table()
    {
        var dll = Path.Combine(Repo.Root, "bench", "Aithena.Benchmarks", "bin", Repo.Configuration, "net10.0", "Aithena.Benchmarks.dll");
        Assert.True(File.Exists(dll), $"The benchmark suite is not built ({dll}); run: dotnet build bench/Aithena.Benchmarks -c {Repo.Configuration}");
        var report = Path.Combine(Path.GetTempPath(), $"aithena-bench-smoke-{Guid.NewGuid():N}.md");
        var output = new ConcurrentQueue<string>();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])[dll, "--smoke", "--broker-dir", shared.Broker.Directory, "--configuration", Repo.Configuration, "--output", report])
        {
            info.ArgumentList.Add(arg);
        }

        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        try
        {
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(11));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
                Assert.Fail($"the smoke run did not finish within 11 minutes:\n{string.Join('\n', output)}");
            }

            process.WaitForExit(); // drains the redirected output
            TestContext.Current.TestOutputHelper?.WriteLine(string.Join('\n', output));
            Assert.True(process.ExitCode == 0, $"the smoke run exited with {process.ExitCode}:\n{string.Join('\n', output)}");
            var text = await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken);
            Assert.All(ExpectedInReport, expected => Assert.Contains(expected, text, StringComparison.Ordinal));
            Assert.DoesNotContain("**Failed:**", text, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(report);
        }
    }
}
