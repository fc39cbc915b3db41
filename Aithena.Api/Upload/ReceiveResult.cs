namespace Aithena.Api.Upload;

/// <summary>What reading an upload's body gave: the file (<see cref="ReceivedFile"/>) or why it was refused (<see cref="UploadRejection"/>).</summary>
public abstract record ReceiveResult;
