using System.Diagnostics;
using Aithena.Semantic.Embeddings;
using Aithena.Semantic.Passages;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aithena.Semantic.Search;

/// <summary>
/// Keeps the Api's <see cref="VectorIndex"/> current: loads every passage vector at start, then polls the catalog
/// for documents whose passages changed after the last version it saw (embedded, re-embedded, removed). Polling
/// rather than a bus event, so every Api replica converges on what the catalog holds whatever messages it missed.
/// Also loads the embedding model at start, so the first query does not wait for it and a model that cannot load
/// is known (and reported by semantic search) at once.
/// </summary>
public sealed partial class VectorIndexSync(
    VectorIndex index,
    IPassageStore store,
    IEmbeddingGenerator<string, Embedding<float>> generator,
    IOptions<EmbeddingOptions> embedding,
    IOptions<SemanticSearchOptions> options,
    ILogger<VectorIndexSync> logger) : BackgroundService
{
    private const int Batch = 500;
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _version;

    /// <summary>True once every vector in the catalog at start-up is in memory.</summary>
    public bool IsLoaded => _loaded.Task.IsCompleted;

    /// <summary>Why semantic search cannot answer right now, or null when it can.</summary>
    public string? Unavailable { get; private set; } = "The passage vectors are still loading.";

    public TimeSpan? LoadTime { get; private set; }

    public Task WaitUntilLoadedAsync(CancellationToken cancellationToken) => _loaded.Task.WaitAsync(cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (embedding.Value.Model == EmbeddingModel.None && generator is SentenceEncoderEmbeddingGenerator)
        {
            Unavailable = "Semantic search is switched off (Embeddings:Model is None).";
            return;
        }

        var model = ModelId();
        string? modelProblem = null;
        try
        {
            await Task.Run(() => (generator as SentenceEncoderEmbeddingGenerator)?.EnsureLoaded(), stoppingToken);
        }
        catch (EmbeddingModelUnavailableException e)
        {
            modelProblem = e.Message;
            LogModelUnavailable(logger, e.Message);
        }

        var started = Stopwatch.GetTimestamp();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var read = await CatchUpAsync(model, stoppingToken);
                if (!IsLoaded)
                {
                    LoadTime = Stopwatch.GetElapsedTime(started);
                    Unavailable = modelProblem;
                    _loaded.TrySetResult();
                    LogLoaded(logger, index.PassageCount, index.DocumentCount, LoadTime.Value.TotalMilliseconds);
                }
                else if (read > 0)
                {
                    LogUpdated(logger, read, index.PassageCount);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPollFailed(logger, e.GetType().Name, e.Message);
            }

            try
            {
                await Task.Delay(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Reads every change after the last version seen; returns how many documents changed.</summary>
    public async Task<int> CatchUpAsync(string model, CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var changes = await store.ReadChangesAsync(_version, model, Batch, cancellationToken);
            foreach (var document in changes.Documents)
            {
                index.Apply(document);
            }

            _version = changes.Version;
            total += changes.Documents.Count;
            if (changes.Documents.Count < Batch)
            {
                return total;
            }
        }
    }

    private string ModelId() =>
        generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? SentenceEncoderEmbeddingGenerator.ModelId(embedding.Value.Model, embedding.Value.Precision);

    [LoggerMessage(1, LogLevel.Information, "Semantic search loaded {Passages} passages of {Documents} documents in {ElapsedMs:F0} ms")]
    private static partial void LogLoaded(ILogger logger, int passages, int documents, double elapsedMs);

    [LoggerMessage(2, LogLevel.Debug, "Semantic search took {Documents} changed documents; {Passages} passages in memory")]
    private static partial void LogUpdated(ILogger logger, int documents, int passages);

    [LoggerMessage(3, LogLevel.Warning, "Reading changed passages failed, will try again: {ExceptionType}: {Message}")]
    private static partial void LogPollFailed(ILogger logger, string exceptionType, string message);

    [LoggerMessage(4, LogLevel.Error, "Semantic search is unavailable, search falls back to keywords: {Reason}")]
    private static partial void LogModelUnavailable(ILogger logger, string reason);
}
