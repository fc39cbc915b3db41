using Aithena.Catalog;
using Aithena.Embedder.Consumers;
using MassTransit;

namespace Microsoft.Extensions.Hosting;

public static class EmbedderServiceExtensions
{
    /// <summary>
    /// The Embedder's wiring: the catalog (where the pages are read and the passages written; no library folder: an Embedder on another machine needs only the broker and the catalog), the embedding model, and
    /// the consumers of <c>embed-document</c> and of what the crash-loop policy set aside from it.
    /// </summary>
    public static IHostApplicationBuilder AddEmbedder(this IHostApplicationBuilder builder)
    {
        builder.AddCatalog();
        builder.AddEmbeddings();

        builder.AddAithenaBus(startAfterHost: true, configure: bus =>
        {
            bus.AddConsumer<EmbedDocumentConsumer, EmbedDocumentConsumerDefinition>();
            bus.AddConsumer<CrashedEmbeddingConsumer, CrashedEmbeddingConsumerDefinition>();
        });
        return builder;
    }
}
