// In Aithena.Contracts (namespace kept) so that Aithena.Web reads the Api's own records without referencing the Api.
namespace Aithena.Api.Upload;

/// <summary>The <c>200</c> body when the same bytes are already in the library: the existing document.</summary>
public sealed record UploadDuplicate(string UploadId, string Filename, string OriginalFilename, long Size, string Status, bool Duplicate = true);
