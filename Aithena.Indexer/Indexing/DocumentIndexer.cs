using System.Diagnostics;
using System.Security.Cryptography;
using Aithena.Catalog;
using Aithena.Contracts;
using Aithena.ServiceDefaults;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aithena.Indexer.Indexing;

/// <summary>
/// Indexes one document: checks the file, reads its text (<see cref="IPdfTextExtractor"/>), derives its metadata and writes it to the catalog
/// in one transaction. Idempotent, so a redelivered message is harmless.
/// </summary>
public sealed class DocumentIndexer(
    IDocumentCatalog catalog,
    IPdfTextExtractor extractor,
    IOptions<LibraryOptions> library,
    IOptions<IndexerOptions> options,
    ITextlessDocumentHandler textless,
    IOptions<OcrRequestOptions> ocr,
    ILogger<DocumentIndexer> logger)
{
    public async Task<IndexOutcome> IndexAsync(IndexDocument command, CancellationToken cancellationToken)
    {
        var fullPath = library.Value.Resolve(command.Path)
            ?? throw new PermanentIndexingException($"The path '{command.Path}' is outside the library.");
        var existing = await catalog.FindAsync(command.DocumentId, cancellationToken);
        if (library.Value.ResolveExisting(command.Path) is not { } realPath)
        {
            if (File.Exists(fullPath))
            {
                // A file, or a folder on its way, swapped for a symbolic link that leads out of the library: its text
                // would reach search results and snippets.
                throw new PermanentIndexingException("The file resolves outside the library (through a symbolic link); it is not indexed.");
            }

            // An upload answered 502 after its message slipped through, or a file deleted before we got to it:
            // with no live record there is nothing to index and nothing to report.
            if (existing is null || existing.Status == DocumentStatus.Removed)
            {
                return IndexOutcome.NothingToIndex;
            }

            throw new PermanentIndexingException("The file is not in the library (it was moved or deleted before it could be indexed).");
        }

        // The modification time before the read: if the file changes while it is read, the Lister sees a newer time
        // than the one recorded and queues it again.
        var modified = DateTimeOffset.FromUnixTimeMilliseconds(new DateTimeOffset(File.GetLastWriteTimeUtc(realPath)).ToUnixTimeMilliseconds());

        // Checked before it is opened: a named pipe would block the open for ever, a huge file exhaust memory.
        var maxBytes = library.Value.MaxFileBytes;
        if (LibraryFileCheck.Problem(realPath, maxBytes) is { } problem)
        {
            throw new PermanentIndexingException(problem);
        }

        // One read: the size, the hash and the text all come from the same bytes, so a file replaced meanwhile can never
        // be recorded with one version's hash and another's text.
        var content = await ReadAsync(realPath, maxBytes, cancellationToken);
        var hash = Convert.ToHexStringLower(SHA256.HashData(content));

        ExtractedPdf pdf;
        using (AithenaTelemetry.ActivitySource.StartActivity("pdf extract"))
        {
            pdf = await extractor.ExtractAsync(content, options.Value, cancellationToken);
        }

        foreach (var page in pdf.UnreadablePages)
        {
            IndexerLog.UnreadablePage(logger, command.Path, page.Number, page.Reason);
        }

        var metadata = PathMetadata.Complete(PathMetadata.Parse(command.Path), command.Path, pdf.Title, pdf.Author);
        var document = new IndexedDocument(command.DocumentId, command.Path, content.Length, modified, hash, metadata, pdf.Pages,
            command.Source, command.QueuedAt);
        using (var activity = AithenaTelemetry.ActivitySource.StartActivity("catalog write"))
        {
            activity?.SetTag("aithena.document.id", command.DocumentId);
            activity?.SetTag("aithena.document.pages", pdf.Pages.Count);
            activity?.SetTag("aithena.document.textless_pages", document.TextlessPages.Count);
            await catalog.SaveIndexedAsync(document, cancellationToken);
        }

        var recognise = ocr.Value.ForceGarbageText
            ? pdf.Pages.Select((text, index) => (text, number: index + 1))
                .Where(p => string.IsNullOrWhiteSpace(p.text) || ocr.Value.IsGarbage(p.text)).Select(p => p.number).ToList()
            : document.TextlessPages;
        if (recognise.Count > 0)
        {
            await textless.HandleAsync(command, hash, recognise, pdf.Pages.Count, cancellationToken);
        }

        return existing is { Status: DocumentStatus.Indexed } && existing.ContentHash == hash ? IndexOutcome.Unchanged : IndexOutcome.Indexed;
    }

    /// <summary>The whole file, its size checked again on the open handle: it may have grown since it was checked.</summary>
    private static async Task<byte[]> ReadAsync(string path, long maxBytes, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, useAsync: true);
        if (stream.Length > maxBytes)
        {
            throw new PermanentIndexingException(LibraryFileCheck.TooLarge(stream.Length, maxBytes));
        }

        var content = new byte[stream.Length];
        await stream.ReadExactlyAsync(content, cancellationToken);
        return content;
    }
}
