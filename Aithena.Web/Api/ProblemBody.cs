namespace Aithena.Web.Api;

/// <summary>The fields of an RFC 9457 problem+json body that a page shows.</summary>
internal sealed record ProblemBody(string? Title, string? Detail, int? Status);
