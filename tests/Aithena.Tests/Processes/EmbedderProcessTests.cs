using Aithena.Semantic.Embeddings;
using Aithena.Semantic.Passages;
using Aithena.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Aithena.Tests.Processes;

/// <summary>
/// An Embedder process killed (SIGKILL) in the middle of a document: the message it held is handed back by the broker
/// and the next Embedder embeds it, leaving one set of passages. The real model, in real processes: killing must
/// happen while the model works.
/// </summary>
public sealed class EmbedderProcessTests(SharedBroker shared) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(180);
    private TestSystem _system = null!;

    public async ValueTask InitializeAsync() => _system = await TestSystem.CreateAsync(shared.Broker);

    public ValueTask DisposeAsync() => _system.DisposeAsync();

    [Fact]
    public async Task An_embedder_killed_in_the_middle_of_a_document_leaves_one_set_of_passages_after_redelivery()
    {
        (string, string?)[] model = [("Embeddings:Model", "MiniLM")];
        var api = await _system.StartApiAsync(model);
        await _system.StartIndexerAsync(model);
        var doomed = await _system.StartProcessAsync("Aithena.Embedder", model);

        // Enough passages (two per page) that embedding them takes seconds.
        var pages = Enumerable.Range(1, 80).Select(p => string.Join('\n', Enumerable.Range(1, 12).Select(line =>
            $"Page {p}, line {line}: a lighthouse keeper writes about storms, ships and the long winter nights."))).ToList();
        using var upload = await api.Http.UploadAsync(TestPdf.Create(pages), "longread.pdf");
        var id = await upload.UploadIdAsync();

        await Eventually.Until(() => doomed.Output.Contains("Embedding uploads/longread.pdf (attempt 1", StringComparison.Ordinal), Timeout,
            "the embedder to start on the document");
        doomed.Kill();
        await doomed.WaitForExitAsync(TimeSpan.FromSeconds(10));
        Assert.DoesNotContain("Embedded uploads/longread.pdf", doomed.Output, StringComparison.Ordinal);

        var survivor = await _system.StartProcessAsync("Aithena.Embedder", model);
        var document = await Eventually.Until(() => api.Http.GetAsync<DocumentResponse>($"/v1/documents/{id}"),
            d => d.Embeddings == EmbeddingStatus.Done, Timeout, "the embeddings to be done");
        Assert.Contains("redelivered: True", survivor.Output, StringComparison.Ordinal);

        // One set: as many passages as the splitter cuts from the text, each once.
        var store = api.Services.GetRequiredService<IPassageStore>();
        var text = (await store.ReadTextAsync(id, default))!;
        var expected = new PassageSplitter().Split(text.Pages).Count;
        var modelId = SentenceEncoderEmbeddingGenerator.ModelId(EmbeddingModel.MiniLM, new EmbeddingOptions().Precision);
        var changes = await store.ReadChangesAsync(0, modelId, 1000, default);
        var vectors = Assert.Single(changes.Documents, d => d.Document.Id == id);
        Assert.Equal(expected, vectors.Passages.Count);
        Assert.Equal(expected, vectors.Passages.Select(p => p.PassageId).Distinct().Count());
        Assert.Equal(expected, (await store.GetStateAsync(id, default))!.Passages);
        Assert.Equal("indexed", document.Status);
    }
}
