using Aithena.Api.Documents;
using Aithena.Web.Components.Pages;

namespace Aithena.Tests.Web;

/// <summary>What the document page says while a document waits for its embeddings.</summary>
public sealed class EmbeddingProgressTextTests
{
    [Fact]
    public void A_waiting_document_shows_its_passages_what_is_ahead_the_pace_and_the_wait()
    {
        var text = EmbeddingProgressText.Describe(new EmbeddingProgress("pending", 143, 12, 3_400, 13, 3_543, 10.6, 5, TimeSpan.FromSeconds(334)));

        Assert.Equal("about 143 passages waiting; 12 documents ahead of it (about 3,400 passages); the embedders do 10.6 passages a second (last 5 minutes); about 6 minutes to wait.", text);
    }

    [Fact]
    public void With_no_embedding_lately_it_says_so_and_gives_no_wait()
    {
        var text = EmbeddingProgressText.Describe(new EmbeddingProgress("pending", 1, 0, 0, 1, 1, null, 5, null));

        Assert.Equal("about 1 passage waiting; no document ahead of it; no passage was embedded in the last 5 minutes (is an Embedder running? see the status page).", text);
    }
}
