namespace Aithena.Web.Upload;

/// <summary>Where one file of the upload page is, from the browser to the catalog.</summary>
public enum UploadState
{
    Waiting,
    Sending,
    Queued,
    Indexed,
    Failed,
    Refused,
}
