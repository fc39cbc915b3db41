// In Aithena.Contracts (namespace kept) so that Aithena.Web reads the Api's own records without referencing the Api.
namespace Aithena.Api.Upload;

/// <summary>The <c>202</c> body: the new document's id and stored name, queued for indexing.</summary>
public sealed record UploadAccepted(string UploadId, string Filename, string OriginalFilename, long Size, string Status);
