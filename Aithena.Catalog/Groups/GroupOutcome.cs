namespace Aithena.Catalog;

/// <summary>What a change to a group came to: done, refused as written, a name already taken, or something unknown.</summary>
public abstract record GroupOutcome
{
    private GroupOutcome()
    {
    }

    public sealed record Saved(DocumentGroup Group) : GroupOutcome;

    public sealed record Done : GroupOutcome;

    public sealed record Invalid(string Detail) : GroupOutcome;

    public sealed record NameTaken(string Detail) : GroupOutcome;

    public sealed record NotFound(string Detail) : GroupOutcome;
}
