using Aithena.Semantic.Embeddings;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Aithena.Semantic.Passages;

/// <summary>Which documents' embeddings are done for the configured model: what the documents endpoints show.</summary>
public sealed class EmbeddingStatusReader(IPassageStore store, IEmbeddingGenerator<string, Embedding<float>> generator, IOptions<EmbeddingOptions> options)
{
    private readonly string _model = generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? generator.GetType().Name;

    public async Task<IReadOnlyDictionary<string, string>> ReadAsync(IReadOnlyCollection<string> documentIds, CancellationToken cancellationToken) =>
        options.Value.Model == EmbeddingModel.None && generator is SentenceEncoderEmbeddingGenerator
            ? new Dictionary<string, string>()
            : await store.GetStatusesAsync(documentIds, _model, cancellationToken);

    /// <summary>Why embedding the document gave up, when its status is failed: what the document's record and page show.</summary>
    public async Task<string?> FailureReasonAsync(string documentId, CancellationToken cancellationToken) =>
        await store.GetStateAsync(documentId, cancellationToken) is { Status: EmbeddingStatus.Failed } state ? state.FailureReason : null;
}
