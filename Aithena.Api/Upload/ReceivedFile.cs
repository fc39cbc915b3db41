namespace Aithena.Api.Upload;

/// <summary>A PDF written in full to a temporary file in the library's hidden incoming folder.</summary>
public sealed record ReceivedFile(string TempPath, string OriginalFileName, long Size, string ContentHash, DateTimeOffset ModifiedAt) : ReceiveResult
{
    public void DeleteTemp() => File.Delete(TempPath);
}
