using Aithena.ServiceDefaults.Access;

namespace Aithena.Api.Security;

/// <summary>Names of the Api's authorization policies (one per role: that role or a higher one) and its rate-limit policy.</summary>
public static class AccessPolicies
{
    /// <summary>Search, read, download: a reader or more (anyone under <c>Access:Anonymous=Read</c> or <c>Full</c>).</summary>
    public const string Reader = Roles.Reader;

    /// <summary>Upload, retry, remove: a librarian or an admin (anyone under <c>Full</c>).</summary>
    public const string Librarian = Roles.Librarian;

    /// <summary>Users, other people's tokens, detailed health: an admin (anyone under <c>Full</c>).</summary>
    public const string Admin = Roles.Admin;

    /// <summary>One's own account (password, tokens): any signed-in user; never anonymous, whatever the setting.</summary>
    public const string SignedIn = RolePolicies.SignedIn;

    /// <summary>Rate limit: <c>Access:UploadsPerMinute</c> per caller (<see cref="ClientPartition"/>).</summary>
    public const string UploadRate = "uploads";
}
