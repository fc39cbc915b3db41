namespace Aithena.Semantic.Embeddings;

/// <summary>The arithmetic the embedding model's weight matrices run in.</summary>
public enum EmbeddingPrecision
{
    /// <summary>The packaged model as it is.</summary>
    Float32,

    /// <summary>
    /// The packaged model quantised at load (<see cref="Int8ModelQuantizer"/>): int8 weights, one scale per output
    /// column, activations quantised per call. Another model as far as stored vectors go (its id ends in "-int8").
    /// </summary>
    Int8,
}
