namespace Aithena.Semantic.Embeddings;

/// <summary>The embedding model is switched off or could not be loaded; the message says which.</summary>
public sealed class EmbeddingModelUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
