using Aithena.Api.Documents;
using Aithena.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Aithena.Api.Embeddings;

public static class EmbeddingsApi
{
    public static IEndpointRouteBuilder MapEmbeddingsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/embeddings").WithTags("Embeddings").RequireAuthorization(AccessPolicies.Reader);
        api.MapGet("/", ProgressAsync).WithName("LibraryEmbeddingProgress")
            .WithSummary("How far meaning-search lags keyword search: the documents and passages waiting for embeddings, the embedders' pace and the estimated wait.");
        return app;
    }

    public static async Task<Ok<LibraryEmbeddingProgress>> ProgressAsync(EmbeddingProgressReader progress, CancellationToken cancellationToken) =>
        TypedResults.Ok(await progress.ReadLibraryAsync(cancellationToken));
}
