namespace Aithena.ServiceDefaults.Access;

/// <summary>
/// What a caller without credentials may do (<c>Access:Anonymous</c>, the same setting in every service; the AppHost
/// passes its <c>Aithena:Anonymous</c>). Secure by default: <see cref="None"/>.
/// </summary>
public enum AnonymousAccess
{
    /// <summary>Nothing: every request needs a signed-in user or a personal token.</summary>
    None,

    /// <summary>A public library: searching and reading are open; changes need a librarian, administration an admin.</summary>
    Read,

    /// <summary>Everything open, administration included: a single-user machine, and bare services in tests and benchmarks.</summary>
    Full,
}
