using Aithena.Catalog;

namespace Aithena.Api.Documents;

/// <summary>What asking to remove a document came to.</summary>
public abstract record RemoveResult
{
    public sealed record Removing(DocumentRecord Document) : RemoveResult;

    public sealed record NotFound : RemoveResult;

    /// <summary>The broker did not confirm the command: nothing was removed, not even the file.</summary>
    public sealed record QueueUnavailable(TimeSpan? RetryAfter) : RemoveResult;
}
