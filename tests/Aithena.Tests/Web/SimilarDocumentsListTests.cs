using Aithena.Web.Api;
using Aithena.Web.Components.Shared;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace Aithena.Tests.Web;

/// <summary>The document page's similar documents: links to the nearest ones, or a quiet line saying why there are none.</summary>
public sealed class SimilarDocumentsListTests : IDisposable
{
    private const string Id = "0123456789abcdef0123456789abcdef";
    private readonly BunitContext _context = new();
    private SimilarDocuments _answer = new(Id, [], new SemanticStatus(true, null, 0));
    private readonly AnsweringHandler _api;

    public SimilarDocumentsListTests()
    {
        _api = new AnsweringHandler(_ => AnsweringHandler.Json(_answer));
        _context.Services.AddSingleton(new AithenaApiClient(new HttpClient(_api) { BaseAddress = new Uri("http://api.invalid/") }));
    }

    public void Dispose() => _context.Dispose();

    private IRenderedComponent<SimilarDocumentsList> Render() =>
        _context.Render<SimilarDocumentsList>(p => p.Add(c => c.DocumentId, Id));

    [Fact]
    public void The_nearest_documents_are_links_to_the_page_of_their_nearest_passage()
    {
        _answer = new SimilarDocuments(Id,
            [new SimilarDocument("fedcba9876543210fedcba9876543210", "Salamanders", "Ambystoma Society", 1998, null, null, "b.pdf", 0.81, 3)],
            new SemanticStatus(true, null, 0));

        var list = Render();

        var link = list.WaitForElement(".similar-list a");
        Assert.Equal("Salamanders", link.TextContent);
        Assert.Equal("/documents/fedcba9876543210fedcba9876543210?page=3", link.GetAttribute("href"));
        Assert.Contains("Ambystoma Society", list.Find(".similar-list li").TextContent, StringComparison.Ordinal);
        var sent = Assert.Single(_api.Requests);
        Assert.Equal($"/v1/documents/{Id}/similar", sent.AbsolutePath);
    }

    [Theory]
    [InlineData(false, 0, "None shown: search by meaning is off.")]
    [InlineData(true, 1, "None yet: this document's embeddings are not done.")]
    [InlineData(true, 0, "None found.")]
    public void Without_similar_documents_a_quiet_line_says_why(bool available, int pending, string says)
    {
        _answer = new SimilarDocuments(Id, [], new SemanticStatus(available, available ? null : "off", pending));

        var list = Render();

        list.WaitForAssertion(() => Assert.Equal(says, list.Find(".similar-documents p").TextContent));
        Assert.Empty(list.FindAll(".similar-list"));
    }
}
