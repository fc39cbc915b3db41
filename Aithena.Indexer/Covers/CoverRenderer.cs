using System.Diagnostics;
using Aithena.Catalog.Covers;

namespace Aithena.Indexer.Covers;

/// <summary>
/// Renders a document's cover, page 1 at 200 px on its longer side, with <see cref="CoverCommand"/> as a child process (no PDF
/// renderer is served for .NET here), bounded by a time-out. A cover is a nicety: failing to make one is logged and
/// never fails the indexing. Written under a temporary name and moved into place, so the Api never serves half a file.
/// </summary>
public sealed class CoverRenderer(CoverStore store, ILogger<CoverRenderer> logger)
{
    public const string Tool = CoverCommand.Tool;
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <returns>True when the cover was written.</returns>
    public async Task<bool> RenderAsync(string documentId, string pdfPath, string displayPath, CancellationToken cancellationToken)
    {
        if (store.PathOf(documentId) is not { } target)
        {
            return false;
        }

        Directory.CreateDirectory(store.Folder);
        var prefix = Path.Combine(store.Folder, $"{documentId}.{Guid.NewGuid():N}.tmp");
        var written = prefix + ".png";
        var started = Stopwatch.GetTimestamp();
        try
        {
            var info = new ProcessStartInfo(Tool)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in CoverCommand.Arguments(pdfPath, prefix))
            {
                info.ArgumentList.Add(argument);
            }

            using var process = Process.Start(info)!;
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            _ = process.StandardOutput.ReadToEndAsync(cancellationToken);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(Timeout);
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                if (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }

                CoverLog.NotRendered(logger, displayPath, $"{Tool} took longer than {Timeout.TotalSeconds:0} s");
                return false;
            }

            if (process.ExitCode != 0 || !File.Exists(written))
            {
                var reason = (await errors).Trim();
                CoverLog.NotRendered(logger, displayPath, $"{Tool} exited with {process.ExitCode}: {(reason.Length > 200 ? reason[..200] : reason)}");
                return false;
            }

            File.Move(written, target, overwrite: true);
            CoverLog.Rendered(logger, displayPath, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return true;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            CoverLog.NotRendered(logger, displayPath, $"{Tool} could not be started ({e.Message}); install mupdf-tools");
            return false;
        }
        finally
        {
            if (File.Exists(written))
            {
                File.Delete(written);
            }
        }
    }
}
