using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;

namespace Aithena.Ocr.Recognition;

/// <summary>
/// Runs poppler's and Tesseract's programs as child processes, each bounded: <c>prlimit</c> caps its address space,
/// <c>timeout</c> kills it if it outlives its budget even when this worker was killed first (an orphan cannot run on),
/// and the worker kills the whole tree itself at the budget or when the consume is cancelled.
/// </summary>
public sealed class ToolRunner(IOptions<OcrOptions> options)
{
    private const int MaxErrorChars = 2000;

    public async Task<ToolResult> RunAsync(string tool, IReadOnlyList<string> arguments, string workingFolder, TimeSpan budget, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var info = new ProcessStartInfo("/usr/bin/timeout")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingFolder,
            StandardOutputEncoding = Encoding.UTF8,
        };
        // The outer bound, a little after the worker's own: it still holds if the worker is gone.
        info.ArgumentList.Add("-s");
        info.ArgumentList.Add("KILL");
        info.ArgumentList.Add(((int)Math.Ceiling(budget.TotalSeconds) + 5).ToString(CultureInfo.InvariantCulture));
        info.ArgumentList.Add("/usr/bin/prlimit");
        info.ArgumentList.Add($"--as={o.MaxToolMemoryBytes.ToString(CultureInfo.InvariantCulture)}");
        info.ArgumentList.Add("--");
        info.ArgumentList.Add(Path.Combine(o.ToolsFolder, tool));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["OMP_THREAD_LIMIT"] = o.Threads.ToString(CultureInfo.InvariantCulture);

        using var process = Process.Start(info) ?? throw new PageRecognitionException($"{tool} could not be started.");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(budget);
        var output = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var errors = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
            var text = await output;
            var error = await errors;
            return new ToolResult(process.ExitCode, text, error.Length > MaxErrorChars ? error[^MaxErrorChars..] : error);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            cancellationToken.ThrowIfCancellationRequested();
            throw new PageRecognitionException($"{tool} took longer than its budget of {budget.TotalSeconds:F0} s (Ocr:PageTimeout) and was killed.");
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Ended meanwhile.
        }
    }
}
