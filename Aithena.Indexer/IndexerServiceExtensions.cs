using Aithena.Catalog;
using Aithena.Catalog.Covers;
using Aithena.Indexer.Covers;
using Aithena.Indexer.Consumers;
using Aithena.Indexer.Embedding;
using Aithena.Indexer.Indexing;
using Aithena.Semantic.Embeddings;
using MassTransit;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

public static class IndexerServiceExtensions
{
    /// <summary>
    /// The Indexer's wiring: library and indexer options, the catalog, the text extractor (MuPDF or PdfPig), and the consumers on the bus. No embedding
    /// model: the Indexer only asks for embeddings (<c>embed-document</c>), which the Embedder computes, so extraction
    /// and embedding scale and fail apart and the Indexer stays within its memory budget.
    /// </summary>
    public static IHostApplicationBuilder AddIndexer(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddLibraryOptions();
        services.AddOptions<IndexerOptions>().BindConfiguration(IndexerOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<IndexerOptions>, MuPdfToolCheck>();

        builder.AddCatalog();
        services.AddSingleton<PdfPigTextExtractor>();
        services.AddSingleton<MuPdfTextExtractor>();
        services.AddSingleton<IPdfTextExtractor>(provider => provider.GetRequiredService<IOptions<IndexerOptions>>().Value.TextExtractor switch
        {
            TextExtractor.PdfPig => provider.GetRequiredService<PdfPigTextExtractor>(),
            _ => provider.GetRequiredService<MuPdfTextExtractor>(),
        });
        services.AddSingleton<DocumentIndexer>();
        services.AddSingleton<IndexingMetrics>();
        services.AddOptions<OcrRequestOptions>().BindConfiguration(OcrRequestOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<ITextlessDocumentHandler, OcrTextlessDocumentHandler>();
        services.AddSingleton<CoverStore>();
        services.AddSingleton<CoverRenderer>();
        // Which model, only to know whether embeddings are wanted at all (Embeddings:Model=None sends nothing).
        services.AddOptions<EmbeddingOptions>().BindConfiguration(EmbeddingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<EmbeddingRequests>();

        builder.AddAithenaBus(startAfterHost: true, configure: bus =>
        {
            bus.AddConsumer<IndexDocumentConsumer, IndexDocumentConsumerDefinition>();
            bus.AddConsumer<RemoveDocumentConsumer, RemoveDocumentConsumerDefinition>();
            bus.AddConsumer<CrashedDocumentConsumer, CrashedDocumentConsumerDefinition>();
        });
        return builder;
    }
}
