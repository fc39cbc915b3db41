using Aithena.Catalog;

namespace Aithena.Api.Documents;

/// <summary>How a request to index a failed document again ended; the endpoint turns each case into one HTTP answer.</summary>
public abstract record RetryResult
{
    /// <summary>The document is queued: its command was confirmed now (<see cref="Sent"/>), or it already was queued.</summary>
    public sealed record Queued(DocumentRecord Document, bool Sent) : RetryResult;

    public sealed record NotFound : RetryResult;

    /// <summary>Only failed documents go back; an indexed or removed one stays as it is.</summary>
    public sealed record NotFailed(string Status) : RetryResult;

    /// <summary>The broker did not confirm; the document is failed again with its old reason.</summary>
    public sealed record QueueUnavailable(TimeSpan? RetryAfter) : RetryResult;
}
