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
        var api = app.MapGroup("/v1/documents").WithTags("Documents").RequireAuthorization(AccessPolicies.Reader);
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
        api.MapGet("/{id}/embeddings", EmbeddingProgressAsync).WithName("DocumentEmbeddingProgress")
            .WithSummary("Where the document stands in the embedders' queue: its passages waiting, what waits ahead, the embedders' pace and the estimated wait.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/{id}/retry", RetryAsync).WithName("RetryDocument")
            .WithSummary("Sends a failed document back for indexing; safe to repeat (a queued document is left as it is).")
            .RequireAuthorization(AccessPolicies.Librarian)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status502BadGateway);
        api.MapDelete("/{id}", RemoveAsync).WithName("RemoveDocument")
            .WithSummary("Takes a document out of the library: its file is deleted and the catalog forgets it (202; the Indexer finishes the removal).")
            .RequireAuthorization(AccessPolicies.Librarian)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status502BadGateway);
        return app;
    }

    public static async Task<Results<Accepted<DocumentResponse>, ProblemHttpResult>> RemoveAsync(
        string id, RemoveDocumentFromLibrary remove, HttpContext context, CancellationToken cancellationToken)
    {
        switch (await remove.HandleAsync(id, context.User.Identity?.Name ?? "anonymous", cancellationToken))
        {
            case RemoveResult.Removing(var document):
                return TypedResults.Accepted($"/v1/documents/{document.Id}", document.ToResponse());
            case RemoveResult.NotFound:
                return TypedResults.Problem($"No document '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
            case RemoveResult.QueueUnavailable(var retryAfter):
                return Problems.QueueUnavailable(context, retryAfter, "The message queue did not confirm the command in time; nothing was removed. Try again later.");
            case var other:
                throw new System.Diagnostics.UnreachableException($"Unknown removal result {other}.");
        }
    }

    public static async Task<Results<Ok<DocumentPage>, ProblemHttpResult>> ListAsync(
        IDocumentCatalog catalog, EmbeddingStatusReader embeddings, string? status, int? page, int? pageSize, CancellationToken cancellationToken)
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
        return TypedResults.Ok(new DocumentPage(total, p, size, items.Select(d => d.ToResponse(done.GetValueOrDefault(d.Id))).ToList()));
    }

    public static async Task<Results<Ok<DocumentResponse>, NotFound>> GetAsync(
        string id, IDocumentCatalog catalog, EmbeddingStatusReader embeddings, IMetadataCorrections corrections, CancellationToken cancellationToken)
    {
        var document = DocumentIds.IsValid(id) ? await catalog.FindAsync(id, cancellationToken) : null;
        if (document is null)
        {
            return TypedResults.NotFound();
        }

        var done = await embeddings.ReadAsync([document.Id], cancellationToken);
        var status = done.GetValueOrDefault(document.Id);
        var response = document.ToResponse(status) with { Corrections = await corrections.FindAsync(document.Id, cancellationToken) };
        return TypedResults.Ok(status == EmbeddingStatus.Failed
            ? response with { EmbeddingsFailureReason = await embeddings.FailureReasonAsync(document.Id, cancellationToken) }
            : response);
    }

    public static async Task<Results<Ok<EmbeddingProgress>, NotFound>> EmbeddingProgressAsync(
        string id, EmbeddingProgressReader progress, CancellationToken cancellationToken) =>
        DocumentIds.IsValid(id) && await progress.ReadAsync(id, cancellationToken) is { } found ? TypedResults.Ok(found) : TypedResults.NotFound();

    public static async Task<Results<Ok<SimilarDocuments>, ProblemHttpResult, NotFound>> SimilarAsync(
        string id, int? limit, IDocumentCatalog catalog, DocumentSearch search, CancellationToken cancellationToken)
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
        string id, IDocumentCatalog catalog, IOptions<LibraryOptions> library, HttpContext context, CancellationToken cancellationToken)
    {
        var document = DocumentIds.IsValid(id) ? await catalog.FindAsync(id, cancellationToken) : null;
        // 404 too for a file that resolves outside the library (a symbolic link swapped in): nothing says it exists.
        // And for a named pipe or device in the file's place: opening it would hold the request for ever.
        if (document is null || document.Status == DocumentStatus.Removed || library.Value.ResolveExisting(document.Path) is not { } realPath
            || LibraryFileCheck.Problem(realPath, long.MaxValue) is not null)
        {
            return TypedResults.NotFound();
        }

        // A download (attachment), never a page of this origin: a PDF that is also HTML, opened here anyway, runs no script.
        context.Response.Headers.ContentSecurityPolicy = "sandbox";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.PhysicalFile(realPath, "application/pdf", document.FileName, enableRangeProcessing: true);
    }

    public static async Task<Results<Accepted<DocumentResponse>, ProblemHttpResult>> RetryAsync(
        string id, RetryDocument retry, HttpContext context, CancellationToken cancellationToken)
    {
        switch (await retry.HandleAsync(id, cancellationToken))
        {
            case RetryResult.Queued(var document, _):
                return TypedResults.Accepted($"/v1/documents/{document.Id}", document.ToResponse());
            case RetryResult.NotFound:
                return TypedResults.Problem($"No document '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
            case RetryResult.NotFailed(var status):
                return TypedResults.Problem($"The document is {status}; only failed documents are sent back for indexing.",
                    statusCode: StatusCodes.Status409Conflict, title: "Not failed");
            case RetryResult.QueueUnavailable(var retryAfter):
                return Problems.QueueUnavailable(context, retryAfter, "The message queue did not confirm the command in time; the document stays failed. Try again later.");
            case var other:
                throw new System.Diagnostics.UnreachableException($"Unknown retry result {other}.");
        }
    }

    private static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request");
}
