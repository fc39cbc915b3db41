namespace Aithena.Api.Metadata;

/// <summary>What asking to correct a document's metadata came to.</summary>
public abstract record CorrectionResult
{
    public sealed record Corrected : CorrectionResult;

    public sealed record NotFound : CorrectionResult;

    public sealed record Invalid(string Reason) : CorrectionResult;
}
