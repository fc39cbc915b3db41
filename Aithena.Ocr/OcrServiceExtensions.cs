using Aithena.Catalog;
using Aithena.Ocr.Consumers;
using Aithena.Ocr.Recognition;
using MassTransit;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

public static class OcrServiceExtensions
{
    /// <summary>The OCR worker's wiring: library and OCR options, the catalog, the page recogniser, and its consumers on the bus.</summary>
    public static IHostApplicationBuilder AddOcr(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddLibraryOptions();
        services.AddOptions<OcrOptions>().BindConfiguration(OcrOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<OcrOptions>, OcrOptionsValidator>();
        services.AddOptions<EmbeddingRequestOptions>().BindConfiguration(EmbeddingRequestOptions.SectionName);

        builder.AddCatalog();
        services.AddSingleton<ToolRunner>();
        services.AddSingleton<PageRecognizer>();

        builder.AddAithenaBus(startAfterHost: true, configure: bus =>
        {
            bus.AddConsumer<RecognizeDocumentConsumer, RecognizeDocumentConsumerDefinition>();
            bus.AddConsumer<CrashedRecognitionConsumer, CrashedRecognitionConsumerDefinition>();
        });
        return builder;
    }
}
