using Aithena.Semantic.Passages;

namespace Aithena.Embedder;

internal static partial class EmbedderLog
{
    [LoggerMessage(101, LogLevel.Information, "Embedded {Path}: {Outcome}, {Passages} passages ({Encoded} encoded, the others kept their vectors) in {ElapsedMs:F0} ms")]
    public static partial void Embedded(ILogger logger, string path, EmbedOutcome outcome, int passages, int encoded, double elapsedMs);

    [LoggerMessage(102, LogLevel.Warning, "Embedding {Path} failed for good (keyword search still finds it): {Reason}")]
    public static partial void Failed(ILogger logger, string path, string reason);

    [LoggerMessage(103, LogLevel.Warning, "Embedding {Path} ran out of memory (attempt {Attempt}); trying again in {DelayMs:F0} ms, once memory is freed")]
    public static partial void OutOfMemory(ILogger logger, string path, int attempt, double delayMs);

    [LoggerMessage(104, LogLevel.Information, "Embedding {Path} (attempt {Attempt}, redelivered: {Redelivered})")]
    public static partial void Started(ILogger logger, string path, int attempt, bool redelivered);
}
