namespace Aithena.Ocr.Recognition;

/// <summary>
/// The one embedding setting the OCR worker reads (<c>Embeddings:Model</c>, as the Indexer does): whether to ask for a
/// document's embeddings again once its recognised text is in the catalog. With <c>None</c> nothing is sent.
/// </summary>
public sealed class EmbeddingRequestOptions
{
    public const string SectionName = "Embeddings";

    public string Model { get; set; } = "MiniLM";

    public bool Enabled => !string.Equals(Model, "None", StringComparison.OrdinalIgnoreCase);
}
