using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Aithena.Indexer.Indexing;

/// <summary>
/// Reads a PDF's text with MuPDF's <c>mutool</c> (Debian's mupdf-tools) in child processes, the default
/// (<c>Indexer:TextExtractor=MuPdf</c>): measured at about 2.5 times pdftotext's pace on the real corpus, where PdfPig's
/// parse alone cost about as much CPU a page as all of pdftotext. The bytes the caller hashed are written to a private
/// temporary file (mutool reads files, not pipes); <c>mutool run mupdf-outline.js</c> says whether the PDF is locked, how
/// many pages its tree really holds, its title and author; then <c>mutool draw -F txt</c> writes the pages' text, each
/// ended by a form feed. Every child runs under <c>prlimit</c> with <see cref="IndexerOptions.MaxMuPdfMemoryBytes"/> of
/// address space and is killed when the document's time is up: a hostile file costs a child, never the Indexer.
/// A page mutool cannot draw ends its run; that page is recorded unreadable with mutool's reason, and a new run goes on
/// from the next page.
/// <para>
/// A document written mostly right to left (Arabic, Persian, Hebrew) is read again with <c>mupdf-spaced-text.js</c>, which
/// puts a space wherever two glyphs of a line stand apart: MuPDF 1.21 puts none between right-to-left words whose PDF
/// holds no space glyphs (XeLaTeX's Arabic does not), so "اللغة العربية" came out as one word. On the corpus's 51 such
/// documents: a median 83 % of pdftotext's vocabulary against 60 %, in 8 s for all of them (the script is slower than
/// <c>draw</c>, so only they pay for it).
/// </para>
/// </summary>
public sealed class MuPdfTextExtractor : IPdfTextExtractor
{
    public const string Tool = "mutool";

    /// <summary>util-linux's <c>prlimit</c>: starts the tool with its memory limit set.</summary>
    public const string Limiter = "prlimit";

    /// <summary>The script that reads the outline, copied beside the Indexer's assembly.</summary>
    public static readonly string OutlineScript = Path.Combine(AppContext.BaseDirectory, "Indexing", "mupdf-outline.js");

    /// <summary>The script that reads right-to-left text with the spaces between its words, beside the other.</summary>
    public static readonly string SpacedTextScript = Path.Combine(AppContext.BaseDirectory, "Indexing", "mupdf-spaced-text.js");

    /// <summary>
    /// The most text one document may give, in characters: far above any real book (the corpus's largest manual gives
    /// 2.6 million for 1,370 pages), and a bound on what a page of millions of glyphs could make the Indexer hold.
    /// </summary>
    private const int MaxTextCharacters = 32 << 20;

    private const string CopyPrefix = "aithena-extract-";

    /// <summary>
    /// Copies an Indexer left behind when it was killed mid-document (no finally ran) are deleted once, at the first
    /// document: only those a day old, so another Indexer's copy in use on the same machine is never touched.
    /// </summary>
    private readonly Lazy<bool> _abandonedCopiesDeleted;

    public MuPdfTextExtractor() : this(Path.GetTempPath())
    {
    }

    /// <param name="temporaryFolder">Where the PDF's copy is written for mutool (the system's temporary folder).</param>
    internal MuPdfTextExtractor(string temporaryFolder)
    {
        _temporaryFolder = temporaryFolder;
        _abandonedCopiesDeleted = new(DeleteAbandonedCopies);
    }

    private readonly string _temporaryFolder;

    public async Task<ExtractedPdf> ExtractAsync(byte[] content, IndexerOptions limits, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limits.MaxDuration);
        _ = _abandonedCopiesDeleted.Value;
        var file = Path.Combine(_temporaryFolder, $"{CopyPrefix}{Guid.NewGuid():N}.pdf");
        try
        {
            await WriteAsync(file, content, cancellationToken);
            var outline = await ReadOutlineAsync(file, limits, deadline.Token);
            var pdf = await ReadTextAsync(file, outline, spaced: false, limits, deadline.Token);
            return IsMostlyRightToLeft(pdf.Pages) ? await ReadTextAsync(file, outline, spaced: true, limits, deadline.Token) : pdf;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw ExtractionRefusals.TookTooLong(limits.MaxDuration);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private bool DeleteAbandonedCopies()
    {
        foreach (var copy in Directory.EnumerateFiles(_temporaryFolder, CopyPrefix + "*.pdf"))
        {
            try
            {
                if (File.GetLastWriteTimeUtc(copy) < DateTime.UtcNow.AddDays(-1))
                {
                    File.Delete(copy);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another user's, or gone already.
            }
        }

        return true;
    }

    /// <summary>At least one letter in twenty right to left: a document in Arabic, not an English one quoting a word of it.</summary>
    public static bool IsMostlyRightToLeft(IEnumerable<string> pages)
    {
        long letters = 0, rightToLeft = 0;
        foreach (var page in pages)
        {
            foreach (var c in page)
            {
                if (char.IsLetter(c))
                {
                    letters++;
                    rightToLeft += RightToLeftText.IsRightToLeft(c) ? 1 : 0;
                }
            }
        }

        return rightToLeft > 0 && rightToLeft * 20 >= letters;
    }

    /// <param name="outline">Read and checked already: unlocked, with pages, not too many.</param>
    /// <param name="spaced">Read with <see cref="SpacedTextScript"/> instead of <c>draw</c>.</param>
    private static async Task<ExtractedPdf> ReadTextAsync(string file, MuPdfOutline outline, bool spaced, IndexerOptions limits, CancellationToken cancellationToken)
    {
        var pages = new List<string>(outline.Pages);
        var unreadable = new List<UnreadablePage>();
        while (pages.Count < outline.Pages)
        {
            var first = pages.Count + 1;
            var run = await RunAsync(spaced ? SpacedTextArguments(file, first, outline.Pages) : TextArguments(file, first, outline.Pages), file, limits, cancellationToken);
            var texts = run.Output.Split("\f\n");
            // Every page drawn ends with a form feed; what follows the last one is the page being drawn when the run ended.
            pages.AddRange(texts[..^1].Take(outline.Pages - pages.Count).Select(Page));
            if (run.ExitCode == 0)
            {
                break;
            }

            if (pages.Count < outline.Pages)
            {
                unreadable.Add(new UnreadablePage(pages.Count + 1, Reason(run, limits)));
                pages.Add(Page(texts[^1]));
            }
        }

        // A run that ended well but drew fewer pages than the tree holds (mutool skips what it cannot find): those pages have no text.
        while (pages.Count < outline.Pages)
        {
            pages.Add("");
        }

        if (unreadable.Count == pages.Count)
        {
            throw new PermanentIndexingException(unreadable.All(u => u.Reason.StartsWith(OutOfMemory, StringComparison.Ordinal))
                ? $"Reading the PDF needed more memory than MuPDF may use ({DocumentBudget.Size(limits.MaxMuPdfMemoryBytes)}, Indexer:MaxMuPdfMemoryBytes): a page or stream too large to read."
                : $"The PDF is corrupt: no page could be read (page 1: {unreadable[0].Reason}).");
        }

        return new ExtractedPdf(pages, NullIfEmpty(outline.Title), NullIfEmpty(outline.Author), unreadable);
    }

    private static async Task<MuPdfOutline> ReadOutlineAsync(string file, IndexerOptions limits, CancellationToken cancellationToken)
    {
        var run = await RunAsync(OutlineArguments(file, limits.MaxNestingDepth), file, limits, cancellationToken);
        MuPdfOutline? outline = null;
        if (run.ExitCode == 0)
        {
            try
            {
                outline = JsonSerializer.Deserialize<MuPdfOutline>(run.Output, JsonSerializerOptions.Web);
            }
            catch (JsonException)
            {
                // Said below as the tool's own failure.
            }
        }

        if (outline is null)
        {
            throw new PermanentIndexingException($"The PDF is corrupt or not a PDF ({Reason(run, limits)}).");
        }

        if (outline.Locked)
        {
            throw new PermanentIndexingException(ExtractionRefusals.Encrypted);
        }

        if (outline.Pages > limits.MaxPages)
        {
            throw ExtractionRefusals.TooManyPages(outline.Pages, limits.MaxPages);
        }

        if (outline.Pages == 0)
        {
            throw new PermanentIndexingException("The PDF is corrupt: it has no page that can be read.");
        }

        return outline;
    }

    /// <summary>
    /// mutool's arguments that write the text of pages <paramref name="first"/> to <paramref name="last"/> (from 1), each
    /// ended by a form feed line. One place for each command, so the corpus benchmark measures exactly what the Indexer runs.
    /// -D: straight into the text device, without recording a display list first (9 % less time on the corpus); -N: no
    /// colour management, which text does not need.
    /// </summary>
    public static IReadOnlyList<string> TextArguments(string file, int first, int last) =>
        ["draw", "-q", "-N", "-D", "-F", "txt", "-o", "-", file, $"{Number(first)}-{Number(last)}"];

    /// <summary>mutool's arguments that read the same pages' text with the spaces between right-to-left words (<see cref="SpacedTextScript"/>).</summary>
    public static IReadOnlyList<string> SpacedTextArguments(string file, int first, int last) =>
        ["run", SpacedTextScript, file, Number(first), Number(last)];

    /// <summary>mutool's arguments that write the outline (<see cref="OutlineScript"/>) as one line of JSON.</summary>
    public static IReadOnlyList<string> OutlineArguments(string file, int maxNestingDepth) =>
        ["run", OutlineScript, file, Number(maxNestingDepth)];

    private const string OutOfMemory = "MuPDF ran out of the memory it may use";

    /// <summary>Why a run failed, in mutool's words (its first error; warnings are about what it repaired and read anyway).</summary>
    private static string Reason(ToolRun run, IndexerOptions limits)
    {
        // mutool says "malloc (N bytes) failed", "realloc (N bytes) failed" or "out of memory" when its limit is reached.
        if (run.Errors.Any(e => e.Contains("alloc (", StringComparison.Ordinal) || e.Contains("out of memory", StringComparison.OrdinalIgnoreCase)))
        {
            return $"{OutOfMemory} ({DocumentBudget.Size(limits.MaxMuPdfMemoryBytes)}, Indexer:MaxMuPdfMemoryBytes)";
        }

        var error = run.Errors.FirstOrDefault() ?? "no message";
        error = error.Length > 200 ? error[..200] + "…" : error;
        return run.ExitCode is > 128 and < 160
            ? $"mutool was stopped by signal {run.ExitCode - 128}: {error}"
            : $"mutool: {error}";
    }

    /// <summary>A page's text without the line and block ends mutool writes after its last line: they are layout, not text.</summary>
    private static string Page(string text) => SearchableText.Clean(text.TrimEnd());

    private static string Number(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string? NullIfEmpty(string value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>Readable by this user alone: the library's files may be private to the service.</summary>
    private static async Task WriteAsync(string file, byte[] content, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var stream = new FileStream(file, options);
        await stream.WriteAsync(content, cancellationToken);
    }

    private sealed record ToolRun(int ExitCode, string Output, IReadOnlyList<string> Errors);

    /// <summary>One mutool child under its memory limit; killed (with its text discarded) when the token fires.</summary>
    private static async Task<ToolRun> RunAsync(IReadOnlyList<string> arguments, string file, IndexerOptions limits, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(Limiter)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add($"--as={limits.MaxMuPdfMemoryBytes}");
        info.ArgumentList.Add(Tool);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{Limiter} {Tool} did not start");
        // Killing the child closes its pipes, which ends the reads below: a pipe read does not always heed a token.
        await using var kill = cancellationToken.Register(() => Kill(process));
        var errors = ReadErrorsAsync(process.StandardError, file);
        try
        {
            var output = await ReadOutputAsync(process.StandardOutput);
            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            return new ToolRun(process.ExitCode, output, await errors);
        }
        catch
        {
            Kill(process);
            await errors;
            throw;
        }
    }

    private static async Task<string> ReadOutputAsync(StreamReader reader)
    {
        var text = new StringBuilder();
        var buffer = new char[64 << 10];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            if (text.Length + read > MaxTextCharacters)
            {
                throw new PermanentIndexingException(
                    $"The PDF's text is longer than {MaxTextCharacters / (1 << 20)} million characters, more than any book holds; it is not indexed.");
            }

            text.Append(buffer, 0, read);
        }

        return text.ToString();
    }

    /// <summary>mutool's error lines (the first few: a page tree of a million broken pages says the same a million times), the temporary file's name left out.</summary>
    private static async Task<IReadOnlyList<string>> ReadErrorsAsync(StreamReader reader, string file)
    {
        var errors = new List<string>();
        try
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                if (errors.Count < 5 && !line.StartsWith("warning:", StringComparison.Ordinal) && !line.StartsWith('\t') && line.Length > 0)
                {
                    errors.Add(line.Replace(file, "the PDF", StringComparison.Ordinal).Replace("error: ", "", StringComparison.Ordinal).Trim());
                }
            }
        }
        catch (IOException)
        {
            // The child was killed mid-line.
        }

        return errors;
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
