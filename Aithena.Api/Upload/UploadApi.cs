using Aithena.Api.Security;
using Aithena.Catalog;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Aithena.Api.Upload;

public static class UploadApi
{
    public static IEndpointRouteBuilder MapUploadApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1").WithTags("Upload");
        api.MapPost("/upload", UploadAsync)
            .WithName("Upload")
            .WithSummary("Upload a PDF to the library and queue it for indexing.")
            .WithDescription("Multipart form with the PDF in the field 'file'. Answers 202 only after the broker confirmed the indexing command.")
            .Accepts<IFormFile>("multipart/form-data")
            .DisableAntiforgery()
            .RequireAuthorization(AccessPolicies.Librarian)
            .RequireRateLimiting(AccessPolicies.UploadRate)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status502BadGateway);
        return app;
    }

    /// <summary>Thin on purpose: <see cref="UploadDocument"/> does the work, this only turns its result into HTTP.</summary>
    public static async Task<Results<Accepted<UploadAccepted>, Ok<UploadDuplicate>, ProblemHttpResult>> UploadAsync(HttpContext context, UploadDocument upload)
    {
        switch (await upload.HandleAsync(context.Request, context.RequestAborted))
        {
            case UploadResult.Accepted(var stored, var original):
                return TypedResults.Accepted($"/v1/documents/{stored.Id}",
                    new UploadAccepted(stored.Id, stored.FileName, original, stored.Size, DocumentStatus.Queued));
            case UploadResult.Duplicate(var existing, var original):
                return TypedResults.Ok(new UploadDuplicate(existing.Id, existing.FileName, original, existing.Size, existing.Status));
            case UploadResult.Rejected(var rejection):
                return TypedResults.Problem(rejection.Detail, statusCode: rejection.StatusCode, title: rejection.Title);
            case UploadResult.QueueUnavailable(var retryAfter):
                if (retryAfter is { } wait)
                {
                    context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                return TypedResults.Problem(
                    "The message queue did not confirm the upload in time; nothing was stored. Try again later.",
                    statusCode: StatusCodes.Status502BadGateway,
                    title: "Message queue unavailable");
            case var other:
                throw new System.Diagnostics.UnreachableException($"Unknown upload result {other}.");
        }
    }
}
