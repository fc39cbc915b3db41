namespace Aithena.Indexer.Indexing;

/// <summary>One page's text in content order, as <see cref="TextPageFactory"/> reads it (before <see cref="SearchableText.Clean"/>).</summary>
public sealed record PageText(string Text);
