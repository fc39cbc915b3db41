using Aithena.Semantic.Search;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

public static class SemanticSearchServiceExtensions
{
    /// <summary>
    /// Search in every mode for the Api: the embedding model (for queries), the passage vectors in memory kept current
    /// from the catalog, and <see cref="DocumentSearch"/>. Needs the catalog (AddCatalog).
    /// </summary>
    public static IHostApplicationBuilder AddSemanticSearch(this IHostApplicationBuilder builder)
    {
        builder.AddEmbeddings();
        builder.Services.AddOptions<SemanticSearchOptions>().BindConfiguration(SemanticSearchOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(_ => new VectorIndex());
        builder.Services.AddSingleton<VectorIndexSync>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<VectorIndexSync>());
        builder.Services.AddSingleton<DocumentSearch>();
        return builder;
    }
}
