using Aithena.Contracts;
using Aithena.Indexer.Indexing;
using Aithena.Semantic.Embeddings;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Aithena.Indexer.Embedding;

/// <summary>
/// Asks for a document's embeddings once its text is in the catalog: an <see cref="EmbedDocument"/> command on its own
/// queue, sent before the indexing message is acknowledged (the Embedder takes it) (if the send fails, the indexing is retried, and indexing is
/// idempotent). Nothing is sent when no model is configured.
/// </summary>
public sealed class EmbeddingRequests(IOptions<EmbeddingOptions> options, TimeProvider clock)
{
    public async Task RequestAsync(ConsumeContext context, IndexDocument indexed, IndexOutcome outcome)
    {
        if (options.Value.Model == EmbeddingModel.None || outcome == IndexOutcome.NothingToIndex)
        {
            return;
        }

        var endpoint = await context.GetSendEndpoint(QueueNames.EmbedDocumentAddress);
        await endpoint.Send(new EmbedDocument(indexed.DocumentId, indexed.Path, clock.GetUtcNow()), context.CancellationToken);
    }
}
