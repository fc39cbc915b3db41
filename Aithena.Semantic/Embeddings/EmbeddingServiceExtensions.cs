using Aithena.Catalog;
using Aithena.Semantic.Embeddings;
using Aithena.Semantic.Passages;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

public static class EmbeddingServiceExtensions
{
    /// <summary>
    /// The embedding model (<c>Embeddings:*</c>) as an <see cref="IEmbeddingGenerator{TInput,TEmbedding}"/> and the passage
    /// store. A generator registered before this call (another model, a remote service, a test double) is kept.
    /// </summary>
    public static IHostApplicationBuilder AddEmbeddings(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<EmbeddingOptions>().BindConfiguration(EmbeddingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton<IEmbeddingGenerator<string, Embedding<float>>, SentenceEncoderEmbeddingGenerator>();
        // Passages live beside the pages in the catalog, in the engine AddCatalog chose by the same test (PostgreSQL's
        // NpgsqlDataSource, SQLite's SqliteCatalogDatabase are registered there).
        if (CatalogEngines.Of(builder.Configuration.GetConnectionString(CatalogServiceExtensions.ConnectionName)) == CatalogEngine.Postgres)
        {
            builder.Services.TryAddSingleton<IPassageStore, PostgresPassageStore>();
        }
        else
        {
            builder.Services.TryAddSingleton<IPassageStore, SqlitePassageStore>();
        }

        builder.Services.TryAddSingleton(services => new PassageSplitter(overlapWords: services.GetRequiredService<IOptions<EmbeddingOptions>>().Value.PassageOverlapWords));
        builder.Services.TryAddSingleton<DocumentEmbedder>();
        builder.Services.TryAddSingleton<EmbeddingStatusReader>();
        return builder;
    }
}
