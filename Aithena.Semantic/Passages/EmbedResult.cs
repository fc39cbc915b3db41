namespace Aithena.Semantic.Passages;

/// <summary>What embedding one document did.</summary>
/// <param name="Passages">The document's passages now stored (or already stored).</param>
/// <param name="Encoded">How many distinct passage texts the model encoded; the others kept the vectors they had.</param>
public sealed record EmbedResult(EmbedOutcome Outcome, int Passages, int Encoded);
