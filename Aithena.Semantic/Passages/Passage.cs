namespace Aithena.Semantic.Passages;

/// <summary>A piece of one page's text, small enough for the embedding model to read whole.</summary>
/// <param name="Page">The page it comes from, from 1.</param>
/// <param name="Ordinal">Its place among the document's passages, from 0.</param>
public sealed record Passage(int Page, int Ordinal, string Text);
