namespace Aithena.Web.Api;

/// <summary>The Api answered with a problem (a query it cannot run, say); <see cref="Detail"/> is written for people.</summary>
public sealed class ApiProblemException(int statusCode, string title, string? detail, TimeSpan? retryAfter = null)
    : Exception(detail ?? title)
{
    public int StatusCode { get; } = statusCode;
    public string Title { get; } = title;
    public string? Detail { get; } = detail;
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
