using System.Security.Cryptography;
using Aithena.Catalog;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Aithena.Api.Upload;

/// <summary>
/// Streams the <c>file</c> field of a multipart upload straight to disk: no buffering of the whole body, a hash
/// computed on the way, and every check (size, extension, content type, <c>%PDF-</c> header) made before the
/// file can be seen by anyone else.
/// </summary>
public sealed class UploadReceiver(IOptions<UploadOptions> uploadOptions, IOptions<LibraryOptions> libraryOptions)
{
    public const string FieldName = "file";
    private const int HeaderWindow = 1024; // PDF readers accept the header anywhere in the first 1 KB
    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly HashSet<string> PdfContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "application/pdf", "application/x-pdf", "application/acrobat", "application/octet-stream",
    };

    private UploadOptions Options => uploadOptions.Value;

    public async Task<ReceiveResult> ReceiveAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // Kestrel enforces this limit while reading, so an oversized body is never read past it.
        var sizeLimit = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeLimit is { IsReadOnly: false })
        {
            sizeLimit.MaxRequestBodySize = Options.MaxRequestBodySize;
        }

        if (request.ContentLength > Options.MaxRequestBodySize)
        {
            return TooLarge();
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Length == 0)
        {
            return Malformed("The request must be multipart/form-data with the PDF in a field named 'file'.");
        }

        try
        {
            var reader = new MultipartReader(HeaderUtilities.RemoveQuotes(mediaType.Boundary).ToString(), request.Body);
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.IsFileDisposition()
                    || !string.Equals(HeaderUtilities.RemoveQuotes(disposition.Name).ToString(), FieldName, StringComparison.Ordinal))
                {
                    continue; // other fields are ignored; the reader skips their content
                }

                var original = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).ToString();
                var wrongType = section.ContentType is { Length: > 0 } contentType
                    && (!MediaTypeHeaderValue.TryParse(contentType, out var partType) || !PdfContentTypes.Contains(partType.MediaType.ToString()));
                if (wrongType || !original.EndsWith(FileNames.Extension, StringComparison.OrdinalIgnoreCase))
                {
                    // A body cut short inside the part's headers leaves half a name or half a content type: read the
                    // part to its end first, so that a truncated body is called so (the read fails) and not "not a PDF".
                    await section.Body.CopyToAsync(Stream.Null, cancellationToken);
                    return NotPdf(wrongType
                        ? "Only PDF files are accepted: the content type must be application/pdf."
                        : "Only PDF files are accepted: the file name must end in .pdf.");
                }

                var received = await WriteAsync(section.Body, original, cancellationToken);
                return received is ReceivedFile file ? await RefuseAnotherFileAsync(reader, file, cancellationToken) : received;
            }

            return new UploadRejection(StatusCodes.Status400BadRequest, "No file",
                "The form has no field named 'file' holding a file.", "no-file");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge();
        }
        catch (Exception e) when (e is BadHttpRequestException or InvalidDataException || (e is IOException && !cancellationToken.IsCancellationRequested))
        {
            return Malformed("The multipart body could not be read: it is malformed or ends too early.");
        }
    }

    /// <summary>
    /// One file per upload, so that every file gets its own answer: a form with a second file is refused whole
    /// (stored nothing) rather than keeping the first and dropping the rest unseen. The rest of the body is read to
    /// find out; the request's size limit still bounds it.
    /// </summary>
    private static async Task<ReceiveResult> RefuseAnotherFileAsync(MultipartReader reader, ReceivedFile file, CancellationToken cancellationToken)
    {
        var keep = false;
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) && disposition.IsFileDisposition())
                {
                    return new UploadRejection(StatusCodes.Status400BadRequest, "Several files",
                        "The form holds more than one file; nothing was stored. Upload one file per request.", "several-files");
                }
            }

            keep = true;
            return file;
        }
        finally
        {
            if (!keep)
            {
                file.DeleteTemp();
            }
        }
    }

    private async Task<ReceiveResult> WriteAsync(Stream body, string originalName, CancellationToken cancellationToken)
    {
        var incoming = Path.Combine(libraryOptions.Value.Root, LibraryOptions.IncomingFolder);
        Directory.CreateDirectory(incoming);
        var tempPath = Path.Combine(incoming, $"{Guid.NewGuid():N}.part");
        var keep = false;
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var head = new byte[HeaderWindow];
            var headLength = 0;
            long size = 0;
            await using (var file = new FileStream(tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    size += read;
                    if (size > Options.MaxFileSize)
                    {
                        return TooLarge();
                    }

                    if (headLength < HeaderWindow)
                    {
                        var take = Math.Min(read, HeaderWindow - headLength);
                        buffer.AsSpan(0, take).CopyTo(head.AsSpan(headLength));
                        headLength += take;
                    }

                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }

                await file.FlushAsync(cancellationToken);
            }

            if (size == 0)
            {
                return new UploadRejection(StatusCodes.Status400BadRequest, "Empty file", "The uploaded file is empty.", "empty");
            }

            if (head.AsSpan(0, headLength).IndexOf(PdfMagic) < 0)
            {
                return NotPdf("The file is not a PDF: it has no %PDF- header.");
            }

            if (MarkupSniffer.LooksLikeHtml(head.AsSpan(0, Math.Min(headLength, MarkupSniffer.Window))))
            {
                return NotPdf("The file's first kilobyte holds HTML: a file that is a page and a PDF at once is refused.");
            }

            var modified = new DateTimeOffset(File.GetLastWriteTimeUtc(tempPath));
            keep = true;
            return new ReceivedFile(tempPath, originalName, size, Convert.ToHexStringLower(hash.GetHashAndReset()), modified);
        }
        finally
        {
            if (!keep)
            {
                File.Delete(tempPath);
            }
        }
    }

    private UploadRejection TooLarge() => new(StatusCodes.Status413PayloadTooLarge, "File too large",
        $"The file is larger than the limit of {Options.MaxFileSize} bytes.", "too-large");

    private static UploadRejection NotPdf(string detail) =>
        new(StatusCodes.Status415UnsupportedMediaType, "Not a PDF", detail, "not-pdf");

    private static UploadRejection Malformed(string detail) =>
        new(StatusCodes.Status400BadRequest, "Malformed upload", detail, "malformed");
}
