namespace Aithena.Web.Upload;

/// <summary>One file on the upload page: its progress, then its document's status, or why it was refused.</summary>
public sealed class UploadItem(string name, long size)
{
    public Guid Key { get; } = Guid.NewGuid();
    public string Name { get; } = name;
    public long Size { get; } = size;
    public UploadState State { get; private set; } = UploadState.Waiting;
    public long BytesSent { get; private set; }
    public string? DocumentId { get; private set; }
    public bool Duplicate { get; private set; }

    /// <summary>Why the file was refused, or why its document failed: a sentence for people.</summary>
    public string? Message { get; private set; }

    public int Percent => Size <= 0 ? 0 : (int)Math.Min(100, BytesSent * 100 / Size);
    public bool IsFinal => State is UploadState.Indexed or UploadState.Failed or UploadState.Refused;

    public void Progress(long bytes)
    {
        State = UploadState.Sending;
        BytesSent = bytes;
    }

    public void Accepted(string documentId, string status, bool duplicate)
    {
        DocumentId = documentId;
        Duplicate = duplicate;
        BytesSent = Size;
        Track(status, null);
    }

    /// <summary>The document's status as the Api reports it.</summary>
    public void Track(string status, string? failureReason)
    {
        (State, Message) = status switch
        {
            "indexed" => (UploadState.Indexed, null),
            "failed" => (UploadState.Failed, failureReason ?? "Indexing failed."),
            "removed" => (UploadState.Failed, "The document was removed from the library."),
            _ => (UploadState.Queued, null),
        };
    }

    public void Refuse(string message)
    {
        State = UploadState.Refused;
        Message = message;
    }
}
