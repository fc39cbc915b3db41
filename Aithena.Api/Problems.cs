using Aithena.Api.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Aithena.Api;

/// <summary>The Api's problem+json answers that several endpoints share.</summary>
public static class Problems
{
    public static ProblemHttpResult BadRequest(string detail, string title = "Invalid request") =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: title);

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    /// <summary>502: the broker did not confirm a command in its budget; with <c>Retry-After</c> while the publish circuit is open.</summary>
    public static ProblemHttpResult QueueUnavailable(HttpContext context, TimeSpan? retryAfter, string detail)
    {
        if (retryAfter is { } wait)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return TypedResults.Problem(detail, statusCode: StatusCodes.Status502BadGateway, title: "Message queue unavailable");
    }

    public static ProblemHttpResult From(AccountOutcome outcome, string notFound = "Not found.") => outcome switch
    {
        AccountOutcome.Invalid(var detail) => BadRequest(detail),
        AccountOutcome.Conflict(var detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict"),
        AccountOutcome.NotFound => NotFound(notFound),
        _ => throw new System.Diagnostics.UnreachableException($"Unexpected outcome {outcome}."),
    };
}
