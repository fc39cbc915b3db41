using Aithena.Contracts;

namespace Aithena.Catalog;

/// <summary>
/// How a <see cref="DocumentSource"/> is stored in the catalog's <c>source</c> column and shown by the Api:
/// the one place the words "upload" and "lister" are spelled.
/// </summary>
public static class DocumentSourceNames
{
    public static string ToName(this DocumentSource source) => source switch
    {
        DocumentSource.Upload => "upload",
        DocumentSource.Lister => "lister",
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "Unknown document source."),
    };
}
