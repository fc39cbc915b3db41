using Microsoft.AspNetCore.Diagnostics;
using System.Text.RegularExpressions;

namespace Aithena.Api;

/// <summary>
/// A request the framework could not bind (<c>?page=abc</c>, <c>?year=abc</c>, <c>?limit=abc</c>) answered as a problem
/// that names the parameter and the value, instead of a bare "Bad Request": minimal APIs throw on such a request
/// (<see cref="RouteHandlerOptions.ThrowOnBadRequest"/>, set by the Api) and this turns the exception into the answer.
/// </summary>
public sealed partial class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    /// <summary>The framework's words for a value it could not bind: the C# type and name of the parameter, and the value.</summary>
    [GeneratedRegex("""^Failed to bind parameter "(?<type>[^"]*) (?<name>\w+)" from "(?<value>[^"]*)"\.$""")]
    private static partial Regex BindFailure();

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        context.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = "Invalid request",
                Detail = Describe(bad.Message),
            },
        });
    }

    /// <summary>"Failed to bind parameter "Nullable&lt;int&gt; PageSize" from "abc"." as the documented name says it: pageSize.</summary>
    private static string Describe(string message)
    {
        if (BindFailure().Match(message) is not { Success: true } failure)
        {
            return message;
        }

        var name = failure.Groups["name"].Value;
        name = char.ToLowerInvariant(name[0]) + name[1..];
        var number = failure.Groups["type"].Value.Contains("int", StringComparison.OrdinalIgnoreCase);
        return number
            ? $"The parameter '{name}' must be a whole number (at most {int.MaxValue}); '{failure.Groups["value"].Value}' is not."
            : $"The parameter '{name}' has a value that cannot be read: '{failure.Groups["value"].Value}'.";
    }
}
