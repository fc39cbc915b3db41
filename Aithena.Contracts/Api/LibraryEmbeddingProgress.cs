// In Aithena.Contracts (namespace kept) so that Aithena.Web reads the Api's own records without referencing the Api.
namespace Aithena.Api.Documents;

/// <summary>
/// How far meaning-search lags keyword search across the library: <c>Status</c> is <c>none</c> when the model is off,
/// <c>done</c> when every indexed document's embeddings are done (or failed with a reason) for its current text, and
/// <c>pending</c> while some wait. <c>PassagesWaiting</c> is estimated from the waiting texts' lengths at the ratio of
/// the documents already embedded; <c>PassagesPerSecond</c> is the embedders' pace over the last <c>RateMinutes</c>
/// minutes (null when nothing was embedded in that time), and <c>EstimatedWait</c> the time the backlog takes at it.
/// </summary>
public sealed record LibraryEmbeddingProgress(
    string Status,
    int DocumentsWaiting,
    long PassagesWaiting,
    double? PassagesPerSecond,
    int RateMinutes,
    TimeSpan? EstimatedWait);
