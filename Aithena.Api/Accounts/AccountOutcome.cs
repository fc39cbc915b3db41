namespace Aithena.Api.Accounts;

/// <summary>What an account operation came to; the endpoints turn it into HTTP.</summary>
public abstract record AccountOutcome
{
    public sealed record Done<T>(T Value) : AccountOutcome;

    public sealed record NotFound : AccountOutcome;

    /// <summary>The request cannot be carried out as asked (a weak password, a taken name); <see cref="Detail"/> says why.</summary>
    public sealed record Invalid(string Detail) : AccountOutcome;

    /// <summary>It would leave the library without an enabled administrator, or similar.</summary>
    public sealed record Conflict(string Detail) : AccountOutcome;
}
