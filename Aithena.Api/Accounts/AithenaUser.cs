using Microsoft.AspNetCore.Identity;

namespace Aithena.Api.Accounts;

/// <summary>A person (or a script's account) with one role; Identity keeps the password hash, lockout and security stamp.</summary>
public sealed class AithenaUser : IdentityUser
{
    /// <summary>One of <see cref="Aithena.ServiceDefaults.Access.Roles"/>.</summary>
    public string Role { get; set; } = Aithena.ServiceDefaults.Access.Roles.Reader;

    /// <summary>A disabled user cannot sign in, and every token of theirs stops working at once.</summary>
    public bool Disabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
