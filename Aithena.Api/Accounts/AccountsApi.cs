using System.Security.Claims;
using Aithena.Api.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Aithena.Api.Accounts;

/// <summary>Signing in, and one's own account: who am I, change my password, my personal tokens.</summary>
public static class AccountsApi
{
    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/v1/auth").WithTags("Accounts")
            .MapPost("/token", SignInAsync).AllowAnonymous().WithName("SignIn")
            .WithSummary("A user's name and password for a web token (a JWT for 'Authorization: Bearer'), as the web app signs people in.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        var account = app.MapGroup("/v1/account").WithTags("Accounts").RequireAuthorization(AccessPolicies.SignedIn);
        account.MapGet("/", Me).WithName("GetAccount").WithSummary("Who the caller is: name and role.");
        account.MapPost("/password", ChangePasswordAsync).WithName("ChangePassword")
            .WithSummary("Changes the caller's password; every other session ends, and the answer is a new web token for this one.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        account.MapGet("/tokens", ListTokensAsync).WithName("ListTokens").WithSummary("The caller's personal tokens (names and dates, never the secrets).");
        account.MapPost("/tokens", CreateTokenAsync).WithName("CreateToken")
            .WithSummary("A new personal token for scripts and curl; its secret is in this answer only.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
        account.MapDelete("/tokens/{id}", RevokeTokenAsync).WithName("RevokeToken").WithSummary("Revokes one of the caller's personal tokens, at once.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Results<Ok<WebToken>, ProblemHttpResult>> SignInAsync(SignInRequest? request, SignIn signIn)
    {
        if (request is not { UserName.Length: > 0, Password.Length: > 0 })
        {
            return Problems.BadRequest("Send a JSON body with userName and password.");
        }

        return await signIn.HandleAsync(request.UserName.Trim(), request.Password) is { } token
            ? TypedResults.Ok(token)
            // One answer for a wrong password, an unknown name, a disabled or locked-out user: nothing to probe.
            : TypedResults.Problem("The user name or password is wrong, or the account is disabled or locked for a few minutes after repeated failures.",
                statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed");
    }

    public static Ok<AccountResponse> Me(ClaimsPrincipal user) =>
        TypedResults.Ok(new AccountResponse(user.Identity!.Name!, user.FindFirstValue(ClaimTypes.Role)!));

    public static async Task<Results<Ok<WebToken>, ProblemHttpResult>> ChangePasswordAsync(
        ChangePasswordRequest? request, ClaimsPrincipal caller, UserManager<AithenaUser> users, WebTokenIssuer issuer, ILogger<SignIn> logger)
    {
        if (request is not { CurrentPassword.Length: > 0, NewPassword.Length: > 0 })
        {
            return Problems.BadRequest("Send a JSON body with currentPassword and newPassword.");
        }

        var user = await users.FindByIdAsync(caller.UserId()!);
        if (user is null)
        {
            return Problems.BadRequest("This account no longer exists.");
        }

        var result = await users.ChangePasswordAsync(user, request.CurrentPassword, request.NewPassword);
        if (!result.Succeeded)
        {
            return Problems.BadRequest(string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        AccountsLog.PasswordChanged(logger, user.UserName!);
        return TypedResults.Ok(issuer.Issue(user));
    }

    public static async Task<Ok<IReadOnlyList<TokenInfo>>> ListTokensAsync(ClaimsPrincipal caller, PersonalTokens tokens, CancellationToken cancellationToken) =>
        TypedResults.Ok(await tokens.ListAsync(caller.UserId()!, cancellationToken));

    public static async Task<Results<Created<CreatedToken>, ProblemHttpResult>> CreateTokenAsync(
        CreateTokenRequest? request, ClaimsPrincipal caller, PersonalTokens tokens, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            return Problems.BadRequest("Send a JSON body with the token's name (and expiresInDays, if it should expire).");
        }

        return await tokens.CreateAsync(caller.UserId()!, caller.Identity!.Name!, request, cancellationToken) switch
        {
            AccountOutcome.Done<CreatedToken>(var created) => TypedResults.Created($"/v1/account/tokens/{created.Id}", created),
            var other => Problems.From(other),
        };
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeTokenAsync(
        string id, ClaimsPrincipal caller, PersonalTokens tokens, CancellationToken cancellationToken) =>
        await tokens.RevokeAsync(caller.UserId()!, id, caller.Identity!.Name!, caller.Identity.Name!, cancellationToken)
            ? TypedResults.NoContent()
            : Problems.NotFound($"You have no token '{id}'.");
}
