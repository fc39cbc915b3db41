using Aithena.Semantic.Embeddings;
using Aithena.Semantic.Passages;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Aithena.Api.Documents;

/// <summary>
/// A document's place in the embedders' backlog (<see cref="EmbeddingProgress"/>): its own passages and what waits
/// ahead of it estimated from text lengths at the library's passages-per-character ratio, and the pace of the last
/// minutes, all from one catalog query (every Embedder writes there, wherever it runs), so the figures need no broker
/// access. The document's own text is not read nor split: counting its word pieces with the model's tokenizer cost over
/// a second of CPU a view for a large manual, on every view while it waits.
/// </summary>
public sealed class EmbeddingProgressReader(
    IPassageStore store,
    EmbeddingStatusReader statuses,
    IEmbeddingGenerator<string, Embedding<float>> generator,
    IOptions<EmbeddingOptions> options,
    TimeProvider time)
{
    public const int RateMinutes = 5;

    /// <summary>Characters per passage before any document was embedded: about the splitter's 120 words.</summary>
    private const double DefaultCharactersPerPassage = 700;

    private readonly string _model = generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? generator.GetType().Name;

    /// <returns>Null when the document is not indexed (nothing to embed); status <c>none</c> when the model is off.</returns>
    public async Task<EmbeddingProgress?> ReadAsync(string documentId, CancellationToken cancellationToken)
    {
        if (options.Value.Model == EmbeddingModel.None && generator is SentenceEncoderEmbeddingGenerator)
        {
            return new EmbeddingProgress("none", null, 0, 0, 0, 0, null, RateMinutes, null);
        }

        if ((await statuses.ReadAsync([documentId], cancellationToken)).GetValueOrDefault(documentId) is not { } status)
        {
            return null;
        }

        var backlog = await store.ReadBacklogAsync(_model, documentId, time.GetUtcNow().AddMinutes(-RateMinutes), cancellationToken);
        var perCharacter = PassagesPerCharacter(backlog);
        int? mine = status == EmbeddingStatus.Pending ? OwnPassages(backlog.TextOwn, perCharacter) : null;

        var ahead = (long)Math.Ceiling(backlog.TextAhead * perCharacter);
        var rate = Pace(backlog);
        TimeSpan? wait = mine is { } own && rate is { } pace ? TimeSpan.FromSeconds(Math.Ceiling((ahead + own) / pace)) : null;
        return new EmbeddingProgress(status, mine, backlog.DocumentsAhead, ahead, backlog.DocumentsWaiting,
            (long)Math.Ceiling(backlog.TextWaiting * perCharacter), rate, RateMinutes, wait);
    }

    /// <summary>The library's backlog in all, for the status page: what waits, the pace, and how long it takes at that pace.</summary>
    public async Task<LibraryEmbeddingProgress> ReadLibraryAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Model == EmbeddingModel.None && generator is SentenceEncoderEmbeddingGenerator)
        {
            return new LibraryEmbeddingProgress("none", 0, 0, null, RateMinutes, null);
        }

        var backlog = await store.ReadBacklogAsync(_model, null, time.GetUtcNow().AddMinutes(-RateMinutes), cancellationToken);
        // At least one passage for a waiting document, even an estimated one: an empty-looking backlog would read as done.
        var passages = backlog.DocumentsWaiting == 0 ? 0 : Math.Max(backlog.DocumentsWaiting, (long)Math.Ceiling(backlog.TextWaiting * PassagesPerCharacter(backlog)));
        var rate = Pace(backlog);
        TimeSpan? wait = passages > 0 && rate is { } pace ? TimeSpan.FromSeconds(Math.Ceiling(passages / pace)) : null;
        return new LibraryEmbeddingProgress(backlog.DocumentsWaiting == 0 ? EmbeddingStatus.Done : EmbeddingStatus.Pending,
            backlog.DocumentsWaiting, passages, rate, RateMinutes, wait);
    }

    /// <summary>
    /// A waiting document's passages from its text length, at least one when it has any text: a pending document with
    /// text never reads as nothing to do, whatever the ratio.
    /// </summary>
    private static int OwnPassages(long textLength, double perCharacter) =>
        textLength == 0 ? 0 : (int)Math.Max(1, Math.Ceiling(textLength * perCharacter));

    private static double PassagesPerCharacter(EmbeddingBacklog backlog) =>
        backlog.TextDone > 0 && backlog.PassagesDone > 0 ? (double)backlog.PassagesDone / backlog.TextDone : 1 / DefaultCharactersPerPassage;

    private static double? Pace(EmbeddingBacklog backlog) =>
        backlog.PassagesLately > 0 ? backlog.PassagesLately / (RateMinutes * 60.0) : null;
}
