using System.Diagnostics;
using System.Text;
using Aithena.Contracts;
using Aithena.Lister.Scanning;
using Aithena.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Aithena.Tests.Lister;

/// <summary>The Lister against a real broker, with the Indexer and the Api where a test follows a file to search.</summary>
public sealed class ListerTests(SharedBroker shared) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private const string Fast = "00:00:00.200";
    private const string OnlyAtStart = "1.00:00:00";
    private TestSystem _system = null!;

    private PrivateBroker Broker => shared.Broker;
        
    public async ValueTask InitializeAsync() => _system = await TestSystem.CreateAsync(shared.Broker);

    public ValueTask DisposeAsync() => _system.DisposeAsync();

    private Task<ServiceHost> Api() => _system.StartApiAsync(("Lister:Interval", Fast));

    private Task<ServiceHost> Indexer() => _system.StartIndexerAsync();

    private Task<ServiceHost> Lister(string interval = Fast) => _system.StartListerAsync(("Lister:Interval", interval));

    /// <summary>Waits until <paramref name="more"/> scans have completed after this call (or, with <paramref name="fromStart"/>, since start-up).</summary>
    private static Task WaitForScansAsync(ServiceHost lister, int more, bool fromStart = false)
    {
        var status = lister.Services.GetRequiredService<ScanStatus>();
        var target = (fromStart ? 0 : status.Completed) + more;
        return Eventually.Until(() => status.Completed >= target, Timeout, $"{more} more scans");
    }

    private static int IndexedCount(ServiceHost indexer, string path) =>
        indexer.Logs.Lines().Count(l => l.Contains($"Indexed {path}:", StringComparison.Ordinal));

    [Fact]
    public async Task Dropped_files_are_indexed_once_touched_ones_again_and_deleted_ones_leave_search()
    {
        var api = await Api();
        var indexer = await Indexer();
        var lister = await Lister();

        _system.Library.Write("Physics/Feynman/Feynman - Lectures (1964).pdf", TestPdf.WithPages("quarks and gluons"));
        _system.Library.Write("Poetry/Neruda.PDF", TestPdf.WithPages("veinte poemas de amor"));
        var lectures = DocumentIds.FromPath("Physics/Feynman/Feynman - Lectures (1964).pdf");
        var poems = DocumentIds.FromPath("Poetry/Neruda.PDF");

        var doc = await api.Http.WaitForStatusAsync(lectures, Timeout, "indexed");
        Assert.Equal(("Physics", "Feynman", 1964), (doc.Category, doc.Author, doc.Year));
        await api.Http.WaitForStatusAsync(poems, Timeout, "indexed");
        await WaitForScansAsync(lister, 3);
        Assert.Equal(1, IndexedCount(indexer, "Physics/Feynman/Feynman - Lectures (1964).pdf"));
        Assert.Equal(1, IndexedCount(indexer, "Poetry/Neruda.PDF"));

        File.SetLastWriteTimeUtc(Path.Combine(_system.Library.LibraryPath, "Poetry/Neruda.PDF"), DateTime.UtcNow.AddMinutes(-5));
        await Eventually.Until(() => IndexedCount(indexer, "Poetry/Neruda.PDF") == 2, Timeout, "the touched file to be indexed again");

        File.Delete(Path.Combine(_system.Library.LibraryPath, "Physics/Feynman/Feynman - Lectures (1964).pdf"));
        await api.Http.WaitForStatusAsync(lectures, Timeout, "removed");
        Assert.Equal(0, (await api.Http.GetAsync<SearchResponse>("/v1/search?q=quarks")).Total);
        Assert.Equal(1, (await api.Http.GetAsync<SearchResponse>("/v1/search?q=poemas")).Total);
    }

    [Fact]
    public async Task A_file_the_api_uploaded_is_not_queued_again_by_the_lister()
    {
        var api = await Api();
        var indexer = await Indexer();
        var lister = await Lister();

        using var response = await api.Http.UploadAsync(TestPdf.WithPages("uploaded once"), "once.pdf");
        var id = await response.UploadIdAsync();
        await api.Http.WaitForStatusAsync(id, Timeout, "indexed");
        await WaitForScansAsync(lister, 3);

        Assert.Equal(1, IndexedCount(indexer, "uploads/once.pdf"));
    }

    [Fact]
    public async Task Two_listers_by_mistake_still_give_one_index_entry_per_file()
    {
        var api = await Api();
        await Indexer();
        await Lister();
        await Lister();

        for (var i = 0; i < 10; i++)
        {
            _system.Library.Write($"twice/file {i}.pdf", TestPdf.WithPages($"twin listers {i}"));
        }

        await Eventually.Until(async () => (await api.Http.GetAsync<DocumentPage>("/v1/documents?status=indexed")).Total == 10,
            Timeout, "ten indexed documents");
        var search = await api.Http.GetAsync<SearchResponse>("/v1/search?q=twin&pageSize=100");
        Assert.Equal(10, search.Total);
        Assert.Equal(10, (await api.Http.GetAsync<DocumentPage>("/v1/documents")).Total);
    }

    [Fact]
    public async Task Odd_names_nested_folders_and_symlink_loops_are_handled_without_a_crash()
    {
        var lister = await Lister(OnlyAtStart);
        await WaitForScansAsync(lister, 1, fromStart: true);
        var expected = new[]
        {
            "with spaces in name.pdf",
            "Ünïcödé/日本語のファイル.pdf",
            "Ελληνικά/βιβλίο.pdf",
            new string('n', 240) + ".pdf",
            string.Join('/', Enumerable.Range(0, 30).Select(i => $"d{i}")) + "/deep.pdf",
            "UPPER.PDF",
        };
        foreach (var path in expected)
        {
            _system.Library.Write(path, Encoding.UTF8.GetBytes("%PDF-1.4 placeholder " + path));
        }

        _system.Library.Write(".hidden/secret.pdf", [1]);
        _system.Library.Write(".incoming/half-written.pdf", [1]);
        _system.Library.Write("~$lockfile.pdf", [1]);
        _system.Library.Write("notes.txt", [1]);
        Directory.CreateSymbolicLink(Path.Combine(_system.Library.LibraryPath, "d0", "loop"), _system.Library.LibraryPath);
        File.CreateSymbolicLink(Path.Combine(_system.Library.LibraryPath, "link.pdf"), Path.Combine(_system.Library.LibraryPath, "UPPER.PDF"));

        var result = await lister.Services.GetRequiredService<LibrarySync>().RunAsync(TestContext.Current.CancellationToken);

        Assert.True(result.Complete, result.Problem);
        Assert.Equal(expected.Length, result.Queued);
        var queued = (await Broker.PeekAsync(_system.VirtualHost, QueueNames.IndexDocument)).Select(m => m.MessageAs<IndexDocument>().Path).Order().ToList();
        Assert.Equal(expected.Order(), queued);
    }

    [Fact]
    public async Task A_rescan_of_ten_thousand_unchanged_files_queues_nothing()
    {
        for (var i = 0; i < 10_000; i++)
        {
            _system.Library.Write($"bulk/{i % 50:00}/file-{i:00000}.pdf", [(byte)'%', (byte)'P', (byte)'D', (byte)'F']);
        }

        var lister = await Lister(OnlyAtStart);
        await WaitForScansAsync(lister, 1, fromStart: true);
        var first = lister.Services.GetRequiredService<ScanStatus>().Last!;
        Assert.Equal((10_000, 10_000), (first.FilesSeen, first.Queued));

        var clock = Stopwatch.StartNew();
        var rescan = await lister.Services.GetRequiredService<LibrarySync>().RunAsync(TestContext.Current.CancellationToken);

        Assert.Equal((10_000, 0, 0), (rescan.FilesSeen, rescan.Queued, rescan.Removed));
        TestContext.Current.TestOutputHelper?.WriteLine($"first scan {first.Elapsed.TotalMilliseconds:F0} ms, unchanged rescan {clock.ElapsedMilliseconds} ms (figures for docs/BENCHMARKS.md, not asserted)");
    }

    [Fact]
    public async Task The_lister_reports_its_last_scan_in_health()
    {
        var lister = await Lister();
        await WaitForScansAsync(lister, 1, fromStart: true);

        var health = await lister.Http.GetAsync<HealthDetailResponse>("/health/detail");
        var scan = health.Checks["library-scan"];
        Assert.Equal("Healthy", scan.Status);
        Assert.True(DateTimeOffset.TryParse(scan.Data["lastScanCompletedAt"].ToString(), out _));
    }
}
