using System.Diagnostics;
using System.Net.Sockets;
using Aithena.Contracts;
using Aithena.Tests.Infrastructure;

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

    private static bool Run(string tool, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments) { RedirectStandardError = true })!;
        process.WaitForExit();
        return process.ExitCode == 0;
    }
}
