using Aithena.Api.Security;
using Aithena.Catalog;
using Aithena.Catalog.Covers;
using Aithena.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Aithena.Api.Covers;

/// <summary><c>GET /v1/documents/{id}/cover</c>: the small PNG of page 1 that the Indexer rendered after indexing.</summary>
public static class CoversApi
{
    public static IEndpointRouteBuilder MapCoversApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/documents").WithTags("Documents").RequireAuthorization(AccessPolicies.Reader);
        api.MapGet("/{id}/cover", GetAsync).WithName("GetDocumentCover")
            .WithSummary("A small PNG of the document's first page (200 px wide); 404 until the Indexer has rendered it.")
            .Produces(StatusCodes.Status200OK, contentType: "image/png")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<PhysicalFileHttpResult, NotFound>> GetAsync(
        string id, IDocumentCatalog catalog, CoverStore covers, HttpContext context, CancellationToken cancellationToken)
    {
        var document = DocumentIds.IsValid(id) ? await catalog.FindAsync(id, cancellationToken) : null;
        if (document is null || document.Status == DocumentStatus.Removed || covers.Find(id) is not { } path)
        {
            return TypedResults.NotFound();
        }

        // An image, never sniffed into anything else; cacheable by the reader's browser (private: the rights to see a
        // document are the reader's own), revalidated by its date after an hour, since re-indexing redraws it.
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "private, max-age=3600";
        var modified = File.GetLastWriteTimeUtc(path);
        return TypedResults.PhysicalFile(path, "image/png", lastModified: modified,
            entityTag: new EntityTagHeaderValue($"\"{modified.Ticks:x}\""));
    }
}
