// In Aithena.Contracts (namespace kept) so that Aithena.Web reads the Api's own records without referencing the Api.
namespace Aithena.Api.Documents;

/// <summary>One page of the library listing.</summary>
public sealed record DocumentPage(int Total, int Page, int PageSize, IReadOnlyList<DocumentResponse> Items);
