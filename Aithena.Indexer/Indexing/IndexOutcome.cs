namespace Aithena.Indexer.Indexing;

/// <summary>What indexing one command did: wrote the document, found it unchanged, or found no file and no live record.</summary>
public enum IndexOutcome
{
    Indexed,
    Unchanged,
    NothingToIndex,
}
