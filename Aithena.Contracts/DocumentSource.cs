namespace Aithena.Contracts;

/// <summary>Where a document entered the system.</summary>
public enum DocumentSource
{
    Upload,
    Lister,
}
