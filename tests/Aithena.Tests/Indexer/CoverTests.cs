using System.Buffers.Binary;
using System.Net;
using Aithena.Catalog.Covers;
using Aithena.Tests.Infrastructure;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Aithena.Tests.Indexer;

/// <summary>Covers: page 1 rendered by MuPDF's mutool beside indexing, served by the Api, removed with the document.</summary>
public sealed class CoverTests(SharedBroker shared) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private TestSystem _system = null!;
    private ServiceHost _api = null!;

    private HttpClient Http => _api.Http;

    public async ValueTask InitializeAsync()
    {
        _system = await TestSystem.CreateAsync(shared.Broker);
        _api = await _system.StartApiAsync();
        await _system.StartIndexerAsync();
    }

    public ValueTask DisposeAsync() => _system.DisposeAsync();

    [Fact]
    public async Task An_indexed_document_gets_a_png_cover_that_the_api_serves_and_removing_the_document_removes_it()
    {
        using var upload = await Http.UploadAsync(TestPdf.WithPages("The cover page of a field guide", "page two"), "covered.pdf");
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        var id = await upload.UploadIdAsync();
        await Http.WaitForStatusAsync(id, Timeout, "indexed");

        // Rendered right after the catalog commit (before the message is acknowledged): a moment after "indexed".
        using var cover = await Eventually.Until(
            () => Http.GetAsync($"/v1/documents/{id}/cover", TestContext.Current.CancellationToken),
            r => r.StatusCode == HttpStatusCode.OK, Timeout, "the cover to be served");
        Assert.Equal("image/png", cover.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", string.Join(",", cover.Headers.GetValues("X-Content-Type-Options")));
        Assert.Contains("max-age", cover.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var png = await cover.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.Equal(PngSignature, png[..8]);
        // IHDR: width and height, big-endian, right after the signature and the chunk's length and type.
        var width = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4));
        var height = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4));
        Assert.True(width <= 200 && height <= 200 && Math.Max(width, height) >= 150, $"a cover of {width}x{height}");

        var coverPath = _api.Services.GetRequiredService<CoverStore>().PathOf(id)!;
        Assert.True(File.Exists(coverPath));
        File.Delete(Path.Combine(_system.Library.UploadsPath, "covered.pdf"));
        var bus = _api.Services.GetRequiredService<IBus>();
        await (await bus.GetSendEndpoint(QueueNames.RemoveDocumentAddress))
            .Send(new RemoveDocument(id, "uploads/covered.pdf", DateTimeOffset.UtcNow), TestContext.Current.CancellationToken);

        await Http.WaitForStatusAsync(id, Timeout, "removed");
        await Eventually.Until(() => !File.Exists(coverPath), Timeout, "the cover file to be deleted");
        using var gone = await Http.GetAsync($"/v1/documents/{id}/cover", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task A_cover_is_not_served_for_an_id_that_is_not_a_document_id()
    {
        using var response = await Http.GetAsync("/v1/documents/..%2F..%2Fetc%2Fpasswd/cover", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
