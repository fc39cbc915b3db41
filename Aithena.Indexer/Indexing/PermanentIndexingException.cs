namespace Aithena.Indexer.Indexing;

/// <summary>
/// A fault that no retry can fix (missing file, not a PDF, encrypted, corrupt, too many pages). The message goes
/// straight to the error queue and the document is marked failed with <see cref="Exception.Message"/> as its reason.
/// </summary>
public sealed class PermanentIndexingException(string message) : Exception(message);
