using Aithena.Api.Documents;
using Aithena.Api.Security;
using Aithena.Catalog;
using Aithena.Semantic.Passages;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Aithena.Api.Metadata;

/// <summary>Corrections of a document's metadata by librarians (<see cref="CorrectDocumentMetadata"/>).</summary>
public static class MetadataApi
{
    public static IEndpointRouteBuilder MapMetadataApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/documents").WithTags("Documents").RequireAuthorization(AccessPolicies.Librarian);
        api.MapPut("/{id}/metadata", CorrectAsync).WithName("CorrectDocumentMetadata")
            .WithSummary("Replaces a document's corrected title, author, year, category and language (null or empty: no correction, " +
                         "so what extraction found shows again). Search and its facets use the corrected values; re-indexing keeps them.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<Ok<DocumentResponse>, ProblemHttpResult, NotFound>> CorrectAsync(
        string id, MetadataFields corrections, CorrectDocumentMetadata correct, IDocumentCatalog catalog, EmbeddingStatusReader embeddings,
        IMetadataCorrections stored, HttpContext context, CancellationToken cancellationToken)
    {
        switch (await correct.HandleAsync(id, corrections, context.User.Identity?.Name ?? "anonymous", cancellationToken))
        {
            case CorrectionResult.Corrected:
                return await DocumentsApi.GetAsync(id, catalog, embeddings, stored, cancellationToken) switch
                {
                    { Result: Ok<DocumentResponse> ok } => ok,
                    _ => Problems.NotFound($"No document '{id}'."),
                };
            case CorrectionResult.NotFound:
                return Problems.NotFound($"No document '{id}'.");
            case CorrectionResult.Invalid(var reason):
                return Problems.BadRequest(reason);
            case var other:
                throw new System.Diagnostics.UnreachableException($"Unknown correction result {other}.");
        }
    }
}
