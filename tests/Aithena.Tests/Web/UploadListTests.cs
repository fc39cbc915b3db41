using Aithena.Web.Api;
using Aithena.Web.Components.Shared;
using Aithena.Web.Upload;
using Bunit;

namespace Aithena.Tests.Web;

/// <summary>The upload page's list: each file's state, from sending to indexed, failed or refused, in words.</summary>
public sealed class UploadListTests : IDisposable
{
    private readonly BunitContext _context = new();

    public void Dispose() => _context.Dispose();

    [Fact]
    public void A_file_being_sent_shows_its_progress()
    {
        var item = new UploadItem("paper.pdf", 2000);
        item.Progress(500);

        var list = Render(item);

        Assert.Equal("25", list.Find("progress").GetAttribute("value"));
        Assert.Contains("Sending… 25 %", list.Find(".upload-status").TextContent, StringComparison.Ordinal);
        Assert.Equal("upload-item upload-sending", list.Find("li").ClassName);
    }

    [Fact]
    public void An_accepted_file_is_queued_then_indexed_with_a_link_to_its_document()
    {
        var item = new UploadItem("paper.pdf", 2000);
        item.Accepted("doc-7", "queued", duplicate: false);
        var list = Render(item);
        Assert.Contains("Queued", list.Find(".upload-status").TextContent, StringComparison.Ordinal);

        item.Track("indexed", null);
        list.Render();

        Assert.Contains("Indexed", list.Find(".upload-status").TextContent, StringComparison.Ordinal);
        Assert.Equal("/documents/doc-7", list.Find(".upload-status a").GetAttribute("href"));
    }

    [Fact]
    public void A_failed_document_shows_the_reason_as_an_alert()
    {
        var item = new UploadItem("scan.pdf", 10);
        item.Accepted("doc-8", "queued", duplicate: false);
        item.Track("failed", "The PDF is encrypted.");

        var status = Render(item).Find(".upload-status");

        Assert.Equal("alert", status.GetAttribute("role"));
        Assert.Contains("The PDF is encrypted.", status.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(413, null, "Too large. The file is over 50 MB.")]
    [InlineData(415, null, "Not a PDF. The file does not start with %PDF-.")]
    [InlineData(429, 30, "Too many uploads in a short time. Try again in 30 s.")]
    [InlineData(502, 15, "The message queue did not confirm the upload, so nothing was stored. Try again in 15 s.")]
    [InlineData(502, null, "The message queue did not confirm the upload, so nothing was stored. Try again in a moment.")]
    public void A_refused_file_says_why_and_when_to_try_again(int status, int? retryAfterSeconds, string expected)
    {
        var detail = status switch { 413 => "The file is over 50 MB.", 415 => "The file does not start with %PDF-.", _ => "ignored" };
        var answer = new UploadAnswer(status, null, null, false, "Refused", detail, retryAfterSeconds is { } s ? TimeSpan.FromSeconds(s) : null);
        var item = new UploadItem("x.pdf", 10);
        item.Refuse(UploadMessages.For(answer));

        var status_ = Render(item).Find(".upload-status");

        Assert.Equal("alert", status_.GetAttribute("role"));
        Assert.Contains(expected, status_.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hostile_file_name_is_shown_as_text()
    {
        var item = new UploadItem("<img src=x onerror=alert(1)>.pdf", 10);
        item.Refuse("Not a PDF.");

        var list = Render(item);

        Assert.Empty(list.FindAll("img"));
        Assert.Equal("<img src=x onerror=alert(1)>.pdf", list.Find(".upload-name").TextContent);
    }

    [Fact]
    public void An_empty_list_renders_nothing()
    {
        Assert.Equal("", _context.Render<UploadList>(p => p.Add(c => c.Items, [])).Markup.Trim());
    }

    private IRenderedComponent<UploadList> Render(params UploadItem[] items) =>
        _context.Render<UploadList>(p => p.Add(c => c.Items, items));
}
