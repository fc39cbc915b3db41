using System.Diagnostics;
using System.Net.Sockets;
using Aithena.Contracts;
using Aithena.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Aithena.Tests.Lister;

/// <summary>Files in the library that are not ordinary PDFs: each is failed with its reason, and the rest still indexes.</summary>
public sealed class OddFileTests(SharedBroker shared) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private TestSystem _system = null!;

    public async ValueTask InitializeAsync() => _system = await TestSystem.CreateAsync(shared.Broker);

    public ValueTask DisposeAsync() => _system.DisposeAsync();

    [Fact]
    public async Task A_named_pipe_a_socket_or_a_device_in_the_library_is_failed_and_indexing_goes_on()
    {
        var api = await _system.StartApiAsync();
        await _system.StartIndexerAsync();
        var odd = new List<string> { "a pipe.pdf", "a socket.pdf" };
        Run("mkfifo", Path.Combine(_system.Library.LibraryPath, "a pipe.pdf"));
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(Path.Combine(_system.Library.LibraryPath, "a socket.pdf")));
        if (Run("mknod", Path.Combine(_system.Library.LibraryPath, "a device.pdf"), "c", "1", "3"))
        {
            odd.Add("a device.pdf"); // needs root: where it cannot be made, the pipe and the socket still prove the guard
        }

        await _system.StartListerAsync(("Lister:Interval", "00:00:00.200"));
        foreach (var name in odd)
        {
            var failed = await api.Http.WaitForStatusAsync(DocumentIds.FromPath(name), Timeout, "failed");
            Assert.Contains("not a regular file", failed.FailureReason, StringComparison.Ordinal);
        }

        // Written after the odd files were taken: a blocked Indexer would never get to it.
        _system.Library.Write("after.pdf", TestPdf.WithPages("still indexed afterwards"));
        await api.Http.WaitForStatusAsync(DocumentIds.FromPath("after.pdf"), Timeout, "indexed");
    }

    [Fact]
    public async Task A_library_file_over_the_size_limit_is_failed_unread_with_the_limit_named()
    {
        var api = await _system.StartApiAsync();
        await _system.StartIndexerAsync(("Library:MaxFileBytes", "4096"));
        await _system.StartListerAsync(("Lister:Interval", "00:00:00.200"));

        _system.Library.Write("big.pdf", TestPdf.OfSize(10_000));
        _system.Library.Write("small.pdf", TestPdf.WithPages("small enough"));

        var failed = await api.Http.WaitForStatusAsync(DocumentIds.FromPath("big.pdf"), Timeout, "failed");
        Assert.Contains("Library:MaxFileBytes", failed.FailureReason, StringComparison.Ordinal);
        await api.Http.WaitForStatusAsync(DocumentIds.FromPath("small.pdf"), Timeout, "indexed");
    }

    [Fact]
    public async Task A_bidi_override_in_a_library_file_name_reaches_neither_title_nor_download_name()
    {
        var api = await _system.StartApiAsync();
        await _system.StartIndexerAsync();
        await _system.StartListerAsync(("Lister:Interval", "00:00:00.200"));
        const string name = "Invoice \u202Efdp.exe.pdf";
        _system.Library.Write(name, TestPdf.WithPages("an invoice"));

        var document = await api.Http.WaitForStatusAsync(DocumentIds.FromPath(name), Timeout, "indexed");

        Assert.Equal(name, document.Path); // the path still opens the file
        Assert.Equal("Invoice fdp.exe.pdf", document.FileName);
        Assert.DoesNotContain("\u202E", document.Title ?? "", StringComparison.Ordinal);
        using var file = await api.Http.GetAsync($"/v1/documents/{document.Id}/file", TestContext.Current.CancellationToken);
        Assert.DoesNotContain("\u202E", file.Content.Headers.ContentDisposition?.ToString() ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain("%E2%80%AE", file.Content.Headers.ContentDisposition?.ToString() ?? "", StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_upload_named_like_a_lock_file_is_renamed_and_the_lister_keeps_it()
    {
        var api = await _system.StartApiAsync();
        await _system.StartIndexerAsync();
        var lister = await _system.StartListerAsync(("Lister:Interval", "00:00:00.200"));

        using var response = await api.Http.UploadAsync(TestPdf.WithPages("locked away"), "~$lock.pdf");
        var id = await response.UploadIdAsync();
        var document = await api.Http.WaitForStatusAsync(id, Timeout, "indexed");
        var status = lister.Services.GetRequiredService<Aithena.Lister.Scanning.ScanStatus>();
        var target = status.Completed + 3;
        await Eventually.Until(() => status.Completed >= target, Timeout, "three more scans");

        Assert.Equal("uploads/$lock.pdf", document.Path);
        Assert.Equal("indexed", (await api.Http.WaitForStatusAsync(id, Timeout, "indexed", "removed")).Status);
    }

    private static bool Run(string tool, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments) { RedirectStandardError = true })!;
        process.WaitForExit();
        return process.ExitCode == 0;
    }
}
