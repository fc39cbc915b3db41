using Microsoft.AspNetCore.Identity;

namespace Aithena.Api.Accounts;

/// <summary>
/// A user's name and password for a web token, through Identity's sign-in manager (password hash check, lockout after
/// repeated failures). An unknown name costs the same hash check as a wrong password, so the answer's time does not
/// tell which names exist.
/// </summary>
public sealed class SignIn(UserManager<AithenaUser> users, SignInManager<AithenaUser> signIn, WebTokenIssuer issuer, ILogger<SignIn> logger)
{
    private static readonly string DummyHash = new PasswordHasher<AithenaUser>().HashPassword(new AithenaUser(), Guid.NewGuid().ToString());

    public async Task<WebToken?> HandleAsync(string userName, string password)
    {
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            users.PasswordHasher.VerifyHashedPassword(new AithenaUser(), DummyHash, password);
            AccountsLog.SignInRefused(logger, userName, "unknown user");
            return null;
        }

        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (!result.Succeeded || user.Disabled)
        {
            AccountsLog.SignInRefused(logger, user.UserName!, result.IsLockedOut ? "locked out" : user.Disabled && result.Succeeded ? "disabled" : "wrong password");
            return null;
        }

        AccountsLog.SignedIn(logger, user.UserName!);
        return issuer.Issue(user);
    }
}
