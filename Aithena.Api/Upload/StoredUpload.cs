namespace Aithena.Api.Upload;

/// <summary>An upload in its final place: <c>uploads/{FileName}</c>, recorded as queued in the catalog.</summary>
public sealed record StoredUpload(string Id, string RelativePath, string FileName, string FullPath, long Size);
