namespace Aithena.Api.Upload;

/// <summary>Why an upload was turned away: the status code, a title and detail for the problem body, and a metric tag.</summary>
public sealed record UploadRejection(int StatusCode, string Title, string Detail, string Reason) : ReceiveResult;
