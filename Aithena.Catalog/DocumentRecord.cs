using Aithena.Contracts;

namespace Aithena.Catalog;

/// <summary>One row of the <c>documents</c> table.</summary>
public sealed record DocumentRecord
{
    public required string Id { get; init; }
    public required string Path { get; init; }
    public required string FileName { get; init; }
    public long Size { get; init; }
    /// <summary>The file's last write time, UTC, truncated to milliseconds (what the Lister compares).</summary>
    public DateTimeOffset ModifiedAt { get; init; }
    public string? ContentHash { get; init; }
    public string? Title { get; init; }
    public string? Author { get; init; }
    public int? Year { get; init; }
    public string? Category { get; init; }
    public string? Language { get; init; }
    public int? PageCount { get; init; }
    /// <summary>Pages without any text (a scan without a text layer, an image): not searchable until someone runs OCR.</summary>
    public int? TextlessPages { get; init; }
    /// <summary>Characters of text found in all pages: little text for many pages says the extraction mostly failed.</summary>
    public long? TextLength { get; init; }
    public required string Status { get; init; }
    public string? FailureReason { get; init; }
    public string? Source { get; init; }
    public DateTimeOffset? QueuedAt { get; init; }
    public DateTimeOffset? IndexedAt { get; init; }
    /// <summary>Text recognition of the pages without text: null (none asked), <c>pending</c>, <c>done</c> or <c>failed</c> (<see cref="OcrSchema"/>).</summary>
    public string? Ocr { get; init; }
    /// <summary>Pages whose text came from OCR.</summary>
    public int? OcrPages { get; init; }
    /// <summary>The first page OCR failed on, and why.</summary>
    public string? OcrFailure { get; init; }
    /// <summary>Who brought the document: the uploading user's name, or the Lister for a file found in the library folder.</summary>
    public string? UploadedBy { get; init; }
}
