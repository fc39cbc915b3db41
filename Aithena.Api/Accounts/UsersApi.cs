using System.Security.Claims;
using Aithena.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Aithena.Api.Accounts;

/// <summary>Administration of users and their tokens: admins only.</summary>
public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/v1/users").WithTags("Users").RequireAuthorization(AccessPolicies.Admin);
        users.MapGet("/", ListAsync).WithName("ListUsers").WithSummary("Every user, with role and state.");
        users.MapPost("/", CreateAsync).WithName("CreateUser").WithSummary("Creates a user with a first password and a role.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        users.MapGet("/{id}", GetAsync).WithName("GetUser").ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPatch("/{id}", UpdateAsync).WithName("UpdateUser")
            .WithSummary("Changes a user's role, or disables or enables them; their sessions end at once.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        users.MapPost("/{id}/password", ResetPasswordAsync).WithName("ResetPassword")
            .WithSummary("Sets a user's password (and lifts a lockout); their sessions end at once.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        users.MapGet("/{id}/tokens", ListTokensAsync).WithName("ListUserTokens").ProducesProblem(StatusCodes.Status404NotFound);
        users.MapDelete("/{id}/tokens/{tokenId}", RevokeTokenAsync).WithName("RevokeUserToken").ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Ok<IReadOnlyList<UserResponse>>> ListAsync(UserAdministration admin, CancellationToken cancellationToken) =>
        TypedResults.Ok(await admin.ListAsync(cancellationToken));

    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> GetAsync(string id, UserAdministration admin) =>
        await admin.FindAsync(id) is { } user ? TypedResults.Ok(user) : Problems.NotFound($"No user '{id}'.");

    public static async Task<Results<Created<UserResponse>, ProblemHttpResult>> CreateAsync(
        CreateUserRequest? request, UserAdministration admin, ClaimsPrincipal caller)
    {
        if (request is null)
        {
            return Problems.BadRequest("Send a JSON body with userName, password and role.");
        }

        return await admin.CreateAsync(request, Actor(caller)) switch
        {
            AccountOutcome.Done<UserResponse>(var user) => TypedResults.Created($"/v1/users/{user.Id}", user),
            var other => Problems.From(other),
        };
    }

    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> UpdateAsync(
        string id, UpdateUserRequest? request, UserAdministration admin, ClaimsPrincipal caller)
    {
        if (request is null)
        {
            return Problems.BadRequest("Send a JSON body with role and/or disabled.");
        }

        return await admin.UpdateAsync(id, request, Actor(caller)) switch
        {
            AccountOutcome.Done<UserResponse>(var user) => TypedResults.Ok(user),
            var other => Problems.From(other, $"No user '{id}'."),
        };
    }

    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> ResetPasswordAsync(
        string id, ResetPasswordRequest? request, UserAdministration admin, ClaimsPrincipal caller)
    {
        if (request is not { Password.Length: > 0 })
        {
            return Problems.BadRequest("Send a JSON body with the new password.");
        }

        return await admin.ResetPasswordAsync(id, request.Password, Actor(caller)) switch
        {
            AccountOutcome.Done<UserResponse>(var user) => TypedResults.Ok(user),
            var other => Problems.From(other, $"No user '{id}'."),
        };
    }

    public static async Task<Results<Ok<IReadOnlyList<TokenInfo>>, ProblemHttpResult>> ListTokensAsync(
        string id, UserAdministration admin, PersonalTokens tokens, CancellationToken cancellationToken) =>
        await admin.FindAsync(id) is null ? Problems.NotFound($"No user '{id}'.") : TypedResults.Ok(await tokens.ListAsync(id, cancellationToken));

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeTokenAsync(
        string id, string tokenId, UserAdministration admin, PersonalTokens tokens, ClaimsPrincipal caller, CancellationToken cancellationToken) =>
        await admin.FindAsync(id) is { } user && await tokens.RevokeAsync(id, tokenId, user.UserName, Actor(caller), cancellationToken)
            ? TypedResults.NoContent()
            : Problems.NotFound($"No token '{tokenId}' of user '{id}'.");

    /// <summary>Who did it, for the audit log: the admin's name, or "anonymous" where Access:Anonymous=Full lets anyone.</summary>
    private static string Actor(ClaimsPrincipal caller) => caller.Identity?.Name ?? "anonymous";
}
