namespace Aithena.ServiceDefaults.Access;

/// <summary>
/// The three roles, each allowed what the one before it is: a reader searches, reads and downloads; a librarian also
/// uploads, retries and removes; an admin also manages users and tokens and sees the services' detailed health.
/// </summary>
public static class Roles
{
    public const string Reader = "reader";
    public const string Librarian = "librarian";
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Reader, Librarian, Admin];

    public static bool IsKnown(string? role) => role is Reader or Librarian or Admin;

    /// <summary>Whether <paramref name="role"/> includes everything <paramref name="required"/> may do.</summary>
    public static bool Includes(string? role, string required) => Rank(role) >= Rank(required) && Rank(required) > 0;

    /// <summary>What anonymous callers count as under <paramref name="anonymous"/>: no role, a reader, or an admin.</summary>
    public static string? ForAnonymous(AnonymousAccess anonymous) => anonymous switch
    {
        AnonymousAccess.Read => Reader,
        AnonymousAccess.Full => Admin,
        _ => null,
    };

    private static int Rank(string? role) => role switch
    {
        Reader => 1,
        Librarian => 2,
        Admin => 3,
        _ => 0,
    };
}
