using Aithena.ServiceDefaults.Secrets;
using System.Diagnostics;
using Aithena.Api.Messaging;
using Aithena.Api.Security;
using Aithena.Catalog;
using Aithena.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Polly.CircuitBreaker;

namespace Aithena.Api.Upload;

public sealed record UploadAccepted(string UploadId, string Filename, string OriginalFilename, long Size, string Status);

public sealed record UploadDuplicate(string UploadId, string Filename, string OriginalFilename, long Size, string Status, bool Duplicate = true);

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
            .RequireAuthorization(AccessPolicies.Upload)
            .RequireRateLimiting(AccessPolicies.UploadRate)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status502BadGateway);
        return app;
    }

    public static async Task<Results<Accepted<UploadAccepted>, Ok<UploadDuplicate>, ProblemHttpResult>> UploadAsync(
        HttpContext context,
        UploadReceiver receiver,
        UploadStore store,
        DocumentCatalog catalog,
        CommandPublisher publisher,
        PublishCircuit circuit,
        UploadMetrics metrics,
        ILogger<UploadReceiver> logger,
        TimeProvider clock)
    {
        var (file, rejection) = await receiver.ReceiveAsync(context.Request, context.RequestAborted);
        if (rejection is not null)
        {
            metrics.Rejected(rejection.Reason);
            UploadLog.Rejected(logger, rejection.StatusCode, rejection.Reason);
            return TypedResults.Problem(rejection.Detail, statusCode: rejection.StatusCode, title: rejection.Title);
        }

        try
        {
            if (await catalog.FindByContentAsync(file!.ContentHash, context.RequestAborted) is { } existing)
            {
                metrics.Duplicate();
                UploadLog.Duplicate(logger, existing.Id);
                return TypedResults.Ok(new UploadDuplicate(existing.Id, existing.FileName, file.OriginalFileName, existing.Size, existing.Status));
            }

            var stored = await store.StoreAsync(file, context.RequestAborted);
            using var scope = logger.BeginScope("DocumentId:{DocumentId}", stored.Id);
            var command = new IndexDocument(stored.Id, stored.RelativePath, DocumentSource.Upload, stored.Size, clock.GetUtcNow());
            var started = Stopwatch.GetTimestamp();
            try
            {
                await publisher.SendAsync(QueueNames.IndexDocumentAddress, command);
                metrics.Published(Stopwatch.GetElapsedTime(started), "confirmed");
            }
            catch (Exception e)
            {
                metrics.Published(Stopwatch.GetElapsedTime(started), e is BrokenCircuitException ? "circuit-open" : "failed");
                await store.DiscardAsync(stored);
                return QueueUnavailable(context, e, circuit, metrics, logger);
            }

            metrics.Accepted(stored.Size);
            UploadLog.Accepted(logger, stored.RelativePath, stored.Size);
            return TypedResults.Accepted($"/v1/documents/{stored.Id}",
                new UploadAccepted(stored.Id, stored.FileName, file.OriginalFileName, stored.Size, DocumentStatus.Queued));
        }
        finally
        {
            file!.DeleteTemp(); // a no-op once the file was moved into the library
        }
    }

    private static ProblemHttpResult QueueUnavailable(HttpContext context, Exception e, PublishCircuit circuit, UploadMetrics metrics, ILogger logger)
    {
        metrics.Rejected("queue-unavailable");
        if (e is BrokenCircuitException broken)
        {
            var retryAfter = broken.RetryAfter ?? circuit.BreakDuration;
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            UploadLog.CircuitOpen(logger);
        }
        else
        {
            var redactor = context.RequestServices.GetRequiredService<SecretRedactor>();
            UploadLog.PublishFailed(logger, e.GetType().Name, redactor.Redact(e.Message) ?? "");
        }

        return TypedResults.Problem(
            "The message queue did not confirm the upload in time; nothing was stored. Try again later.",
            statusCode: StatusCodes.Status502BadGateway,
            title: "Message queue unavailable");
    }
}

internal static partial class UploadLog
{
    [LoggerMessage(1, LogLevel.Information, "Upload accepted: {Path} ({Size} bytes) queued for indexing")]
    public static partial void Accepted(ILogger logger, string path, long size);

    [LoggerMessage(2, LogLevel.Information, "Upload is a copy of document {DocumentId}; nothing queued")]
    public static partial void Duplicate(ILogger logger, string documentId);

    [LoggerMessage(3, LogLevel.Information, "Upload rejected with {StatusCode}: {Reason}")]
    public static partial void Rejected(ILogger logger, int statusCode, string reason);

    [LoggerMessage(4, LogLevel.Warning, "The broker did not confirm the upload's command ({ExceptionType}: {Reason}); file and record removed, answering 502")]
    public static partial void PublishFailed(ILogger logger, string exceptionType, string reason);

    [LoggerMessage(5, LogLevel.Warning, "Publish circuit is open; upload refused at once with 502")]
    public static partial void CircuitOpen(ILogger logger);
}
