using Aithena.Api.Security;
using Aithena.Catalog;
using Aithena.Contracts;
using Aithena.Semantic.Passages;
using Aithena.Semantic.Search;
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
        api.MapGet("/{id}/similar", SimilarAsync).WithName("SimilarDocuments")
            .WithSummary("The documents nearest in meaning to this one (the mean of its passages' embeddings), with the page of their nearest passage.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<Ok<DocumentPage>, ProblemHttpResult>> ListAsync(
        DocumentCatalog catalog, EmbeddingStatusReader embeddings, string? status, int? page, int? pageSize, CancellationToken cancellationToken)
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
        var done = await embeddings.ReadAsync(items.Select(d => d.Id).ToList(), cancellationToken);
        return TypedResults.Ok(new DocumentPage(total, p, size, items.Select(d => DocumentResponse.From(d, done.GetValueOrDefault(d.Id))).ToList()));
    }

    public static async Task<Results<Ok<DocumentResponse>, NotFound>> GetAsync(
        string id, DocumentCatalog catalog, EmbeddingStatusReader embeddings, CancellationToken cancellationToken)
    {
        var document = DocumentIds.IsValid(id) ? await catalog.FindAsync(id, cancellationToken) : null;
        if (document is null)
        {
            return TypedResults.NotFound();
        }

        var done = await embeddings.ReadAsync([document.Id], cancellationToken);
        return TypedResults.Ok(DocumentResponse.From(document, done.GetValueOrDefault(document.Id)));
    }

    public static async Task<Results<Ok<SimilarDocuments>, ProblemHttpResult, NotFound>> SimilarAsync(
        string id, int? limit, DocumentCatalog catalog, DocumentSearch search, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > CatalogSearch.MaxPageSize)
        {
            return BadRequest($"limit must be between 1 and {CatalogSearch.MaxPageSize}.");
        }

        var document = DocumentIds.IsValid(id) ? await catalog.FindAsync(id, cancellationToken) : null;
        if (document is null || document.Status == DocumentStatus.Removed)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(search.Similar(document.Id, limit ?? 10));
    }

    public static async Task<Results<PhysicalFileHttpResult, NotFound>> GetFileAsync(
        string id, DocumentCatalog catalog, IOptions<LibraryOptions> library, CancellationToken cancellationToken)
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
