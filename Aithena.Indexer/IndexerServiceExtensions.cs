using Aithena.Catalog;
using Aithena.Catalog.Covers;
using Aithena.Indexer.Covers;
using Aithena.Indexer.Consumers;
using Aithena.Indexer.Embedding;
using Aithena.Indexer.Indexing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.Hosting;

public static class IndexerServiceExtensions
{
    /// <summary>The Indexer's wiring: library and indexer options, the catalog, PdfPig, the embedding model, and the consumers on the bus.</summary>
    public static IHostApplicationBuilder AddIndexer(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddLibraryOptions();
        services.AddOptions<IndexerOptions>().BindConfiguration(IndexerOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        builder.AddCatalog();
        services.AddSingleton<PdfTextExtractor>();
        services.AddSingleton<DocumentIndexer>();
        services.AddSingleton<IndexingMetrics>();
        services.AddOptions<OcrRequestOptions>().BindConfiguration(OcrRequestOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<ITextlessDocumentHandler, OcrTextlessDocumentHandler>();
        services.AddSingleton<CoverStore>();
        services.AddSingleton<CoverRenderer>();
        builder.AddEmbeddings();
        services.AddSingleton<EmbeddingRequests>();

        builder.AddAithenaBus(startAfterHost: true, configure: bus =>
        {
            bus.AddConsumer<IndexDocumentConsumer, IndexDocumentConsumerDefinition>();
            bus.AddConsumer<RemoveDocumentConsumer, RemoveDocumentConsumerDefinition>();
            bus.AddConsumer<CrashedDocumentConsumer, CrashedDocumentConsumerDefinition>();
            bus.AddConsumer<EmbedDocumentConsumer, EmbedDocumentConsumerDefinition>();
            bus.AddConsumer<CrashedEmbeddingConsumer, CrashedEmbeddingConsumerDefinition>();
        });
        return builder;
    }
}
