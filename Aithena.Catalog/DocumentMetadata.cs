using Aithena.Contracts;

namespace Aithena.Catalog;

/// <summary>The metadata the Indexer extracted for a document.</summary>
public sealed record DocumentMetadata(string Title, string Author, int? Year, string? Category, string? Language);
