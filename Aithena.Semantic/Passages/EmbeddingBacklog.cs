namespace Aithena.Semantic.Passages;

/// <summary>
/// What waits for embeddings in the library at one moment, for one model: the indexed documents whose embeddings are
/// not done (nor failed) for their current text, with their text's length; those of them indexed before a given
/// document (the queue is roughly in indexing order) and that document's own text length (0 when no document is
/// given, or it has no text), so its passages can be estimated without reading its text; the documents done, passages
/// and text length alike, so a waiting text's length can be turned into passages at the library's own ratio; and the
/// passages embedded lately. Text lengths are the catalog's <c>text_length</c> (characters, 0 when unknown).
/// </summary>
public sealed record EmbeddingBacklog(
    int DocumentsWaiting,
    long TextWaiting,
    int DocumentsAhead,
    long TextAhead,
    long TextOwn,
    long PassagesDone,
    long TextDone,
    long PassagesLately);
