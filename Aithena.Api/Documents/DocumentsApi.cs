using Aithena.Api.Security;
using Aithena.Catalog;
using Aithena.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Aithena.Api.Documents;

public static class DocumentsApi
{
    public static IEndpointRouteBuilder MapDocumentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/documents").WithTags("Documents").RequireAuthorization(AccessPolicies.Read);
        api.MapGet("/", ListAsync).WithName("ListDocuments").WithSummary("The library, paged, optionally by status.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/{id}", GetAsync).WithName("GetDocument").WithSummary("A document's metadata and status (queued, indexed, failed with its reason, removed).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{id}/file", GetFileAsync).WithName("GetDocumentFile").WithSummary("The PDF itself; supports range requests.")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<Ok<DocumentPage>, ProblemHttpResult>> ListAsync(
        IDocumentCatalog catalog, string? status, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        if (status is not null && !DocumentStatus.IsKnown(status))
        {
            return BadRequest($"Unknown status '{status}'. Use one of: {string.Join(", ", DocumentStatus.All)}.");
        }

        if (Paging.Validate(page, pageSize) is { } error)
        {
            return BadRequest(error);
        }

        var (p, size) = Paging.Resolve(page, pageSize);
        var (items, total) = await catalog.ListAsync(status, p, size, cancellationToken);
        return TypedResults.Ok(new DocumentPage(total, p, size, items.Select(DocumentResponse.From).ToList()));
    }

    public static async Task<Results<Ok<DocumentResponse>, NotFound>> GetAsync(string id, IDocumentCatalog catalog, CancellationToken cancellationToken)
    {
        var document = DocumentIds.IsValid(id) ? await catalog.FindAsync(id, cancellationToken) : null;
        return document is null ? TypedResults.NotFound() : TypedResults.Ok(DocumentResponse.From(document));
    }

    public static async Task<Results<PhysicalFileHttpResult, NotFound>> GetFileAsync(
        string id, IDocumentCatalog catalog, IOptions<LibraryOptions> library, CancellationToken cancellationToken)
    {
        var document = DocumentIds.IsValid(id) ? await catalog.FindAsync(id, cancellationToken) : null;
        // 404 too for a file that resolves outside the library (a symbolic link swapped in): nothing says it exists.
        if (document is null || document.Status == DocumentStatus.Removed || library.Value.ResolveExisting(document.Path) is not { } realPath)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.PhysicalFile(realPath, "application/pdf", document.FileName, enableRangeProcessing: true);
    }

    private static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request");
}
