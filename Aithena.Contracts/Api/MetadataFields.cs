// In Aithena.Contracts (namespace kept) so that Aithena.Web reads the Api's own records without referencing the Api.
namespace Aithena.Api.Documents;

/// <summary>
/// The metadata a librarian can correct. As the body of <c>PUT /v1/documents/{id}/metadata</c>: the corrections, all
/// of them (a field that is null or empty has no correction, so the value extraction found shows again). In
/// <see cref="MetadataCorrections"/>: what was corrected, or what extraction found.
/// </summary>
public sealed record MetadataFields(string? Title, string? Author, int? Year, string? Category, string? Language)
{
    public static MetadataFields None { get; } = new(null, null, null, null, null);

    public bool IsEmpty => Title is null && Author is null && Year is null && Category is null && Language is null;
}
