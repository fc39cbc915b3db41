using Aithena.Contracts;

namespace Aithena.Catalog;

/// <summary>What the Lister needs to decide whether a file changed.</summary>
public readonly record struct FileState(string Id, long Size, DateTimeOffset ModifiedAt, string Status);
