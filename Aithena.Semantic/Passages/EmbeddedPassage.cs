namespace Aithena.Semantic.Passages;

/// <summary>A passage and its embedding, as the passage store writes it.</summary>
public sealed record EmbeddedPassage(Passage Passage, float[] Vector);
