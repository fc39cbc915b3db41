using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Aithena.Api.Security;

/// <summary>
/// Refusals as problem+json, before any endpoint reads a request body: 401 with <c>WWW-Authenticate: Bearer</c> when the
/// caller has no valid credentials, 403 when their role is not enough.
/// </summary>
public sealed class ProblemAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Challenged)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            var presented = context.Request.Headers.Authorization.Count > 0;
            return TypedResults.Problem(
                presented
                    ? "The credentials are not valid: the token is unknown, revoked or expired, or its user is disabled. Sign in again or use another token."
                    : "Sign in, or send a personal token as 'Authorization: Bearer <token>'.",
                statusCode: StatusCodes.Status401Unauthorized,
                title: presented ? "Invalid credentials" : "Sign-in required").ExecuteAsync(context);
        }

        if (result.Forbidden)
        {
            return TypedResults.Problem(
                "Your role does not allow this operation.",
                statusCode: StatusCodes.Status403Forbidden,
                title: "Forbidden").ExecuteAsync(context);
        }

        return _default.HandleAsync(next, context, policy, result);
    }
}
