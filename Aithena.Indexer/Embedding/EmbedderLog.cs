using Aithena.Semantic.Passages;

namespace Aithena.Indexer;

internal static partial class EmbedderLog
{
    [LoggerMessage(101, LogLevel.Information, "Embedded {Path}: {Outcome}, {Passages} passages in {ElapsedMs:F0} ms")]
    public static partial void Embedded(ILogger logger, string path, EmbedOutcome outcome, int passages, double elapsedMs);

    [LoggerMessage(102, LogLevel.Warning, "Embedding {Path} failed for good (keyword search still finds it): {Reason}")]
    public static partial void Failed(ILogger logger, string path, string reason);
}
