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

    public static ProblemHttpResult From(AccountOutcome outcome, string notFound = "Not found.") => outcome switch
    {
        AccountOutcome.Invalid(var detail) => BadRequest(detail),
        AccountOutcome.Conflict(var detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict"),
        AccountOutcome.NotFound => NotFound(notFound),
        _ => throw new System.Diagnostics.UnreachableException($"Unexpected outcome {outcome}."),
    };
}
