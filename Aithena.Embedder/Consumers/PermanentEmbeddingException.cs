namespace Aithena.Embedder.Consumers;

/// <summary>A fault no retry can fix: the message goes to the error queue at once, with this reason.</summary>
public sealed class PermanentEmbeddingException(string message) : Exception(message);
