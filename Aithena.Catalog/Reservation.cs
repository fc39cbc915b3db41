namespace Aithena.Catalog;

/// <summary>
/// What <see cref="IDocumentCatalog.TryReserveAsync"/> did: reserved the path, or found a live document with the same
/// bytes (<see cref="SameContent"/>, the one to answer with), or neither (the path is taken: try another name).
/// </summary>
public sealed record Reservation(bool Reserved, DocumentRecord? SameContent);
