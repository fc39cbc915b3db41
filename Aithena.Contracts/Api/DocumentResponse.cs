// In Aithena.Contracts (namespace kept) so that Aithena.Web reads the Api's own records without referencing the Api.
namespace Aithena.Api.Documents;

/// <summary>A document as the Api shows it: metadata, status and where it came from.</summary>
public sealed record DocumentResponse(
    string Id,
    string Path,
    string FileName,
    long Size,
    DateTimeOffset ModifiedAt,
    string? Title,
    string? Author,
    int? Year,
    string? Category,
    string? Language,
    int? PageCount,
    string Status,
    string? FailureReason,
    string? Source,
    DateTimeOffset? QueuedAt,
    DateTimeOffset? IndexedAt,
    int? TextlessPages,
    long? TextLength,
    string? Embeddings = null,
    string? EmbeddingsFailureReason = null);
