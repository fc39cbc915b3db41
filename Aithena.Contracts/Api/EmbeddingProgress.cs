// In Aithena.Contracts (namespace kept) so that Aithena.Web reads the Api's own records without referencing the Api.
namespace Aithena.Api.Documents;

/// <summary>
/// Where a document stands in the embedders' queue: meaning-search finds it once its embeddings are <c>done</c>.
/// <c>PassagesWaiting</c> is this document's passages still to embed (while <c>pending</c>; at least 1 when it has any
/// text); <c>DocumentsAhead</c> and <c>PassagesAhead</c> what waits before it (indexed earlier), the library's backlog in
/// all beside them; all passages, this document's own too, are estimated from the texts' lengths at the ratio of the
/// documents already embedded. <c>PassagesPerSecond</c> is the embedders' pace over the last <c>RateMinutes</c> minutes
/// (null when nothing was embedded in that time), and <c>EstimatedWait</c> the time this document's turn and its own
/// passages take at that pace.
/// </summary>
public sealed record EmbeddingProgress(
    string Status,
    int? PassagesWaiting,
    int DocumentsAhead,
    long PassagesAhead,
    int DocumentsWaiting,
    long PassagesWaitingInAll,
    double? PassagesPerSecond,
    int RateMinutes,
    TimeSpan? EstimatedWait);
