// In Aithena.Contracts (namespace kept) so that Aithena.Web reads the Api's own records without referencing the Api.
namespace Aithena.Api.Collections;

/// <summary>
/// The body that creates or changes a collection or a tag: a name (1 to 100 characters, unique within its kind whatever
/// its case) and an optional description (up to 2,000 characters).
/// </summary>
public sealed record CollectionRequest(string? Name, string? Description = null);
