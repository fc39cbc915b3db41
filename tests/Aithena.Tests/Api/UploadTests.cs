using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Aithena.Api.Upload;
using Aithena.Contracts;
using Aithena.Tests.Infrastructure;

namespace Aithena.Tests.Api;

/// <summary>The upload endpoint against a real broker: what is stored, what is queued, and what is refused.</summary>
public sealed class UploadTests(SharedBroker shared) : IAsyncLifetime
{
    private const int MaxFileSize = 256 * 1024;
    private TestSystem _system = null!;
    private ServiceHost _api = null!;

    private PrivateBroker Broker => _system.Broker;
    private string _vhost => _system.VirtualHost;
    private TestLibrary _library => _system.Library;
    private HttpClient Http => _api.Http;

    public async ValueTask InitializeAsync()
    {
        _system = await TestSystem.CreateAsync(shared.Broker);
        _api = await _system.StartApiAsync(("Upload:MaxFileSize", MaxFileSize.ToString()));
    }

    public ValueTask DisposeAsync() => _system.DisposeAsync();

    [Fact]
    public async Task Upload_answers_202_with_location_after_exactly_one_persistent_message_is_queued()
    {
        using var response = await Http.UploadAsync(TestPdf.WithPages("hello"), "Le Guin - The Dispossessed (1974).pdf");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.ReadAsync<UploadAccepted>();
        var id = body.UploadId;
        Assert.Equal($"/v1/documents/{id}", response.Headers.Location?.ToString());
        Assert.Equal("Le Guin - The Dispossessed (1974).pdf", body.Filename);
        Assert.Equal("Le Guin - The Dispossessed (1974).pdf", body.OriginalFilename);
        Assert.Equal("queued", body.Status);

        var messages = await Broker.PeekAsync(_vhost, QueueNames.IndexDocument);
        var message = Assert.Single(messages);
        Assert.Equal(2, message.DeliveryMode);
        Assert.Equal(id, message.MessageAs<IndexDocument>().DocumentId);
        Assert.Equal("uploads/Le Guin - The Dispossessed (1974).pdf", message.MessageAs<IndexDocument>().Path);
        Assert.Equal(DocumentIds.FromPath("uploads/Le Guin - The Dispossessed (1974).pdf"), id);
        Assert.Equal(body.Size, message.MessageAs<IndexDocument>().Size);
    }

    [Fact]
    public async Task Uploaded_file_is_stored_in_uploads_under_its_sanitised_name_and_recorded_as_queued()
    {
        var pdf = TestPdf.WithPages("content");
        using var response = await Http.UploadAsync(pdf, "../../../etc/Ré\u0001sumé.pdf");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(["uploads/Résumé.pdf"], _library.AllFiles());
        Assert.Equal(pdf, await File.ReadAllBytesAsync(Path.Combine(_library.UploadsPath, "Résumé.pdf"), TestContext.Current.CancellationToken));
        var document = await Http.GetAsync<DocumentResponse>(response.Headers.Location!.ToString());
        Assert.Equal("queued", document.Status);
        Assert.Equal("upload", document.Source);
    }

    [Fact]
    public async Task Uploading_bytes_already_in_the_library_answers_200_with_that_document_and_queues_nothing()
    {
        var pdf = TestPdf.WithPages("the same bytes twice");
        using var first = await Http.UploadAsync(pdf, "first.pdf");
        using var second = await Http.UploadAsync(pdf, "second.pdf");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var duplicate = await second.ReadAsync<UploadDuplicate>();
        Assert.Equal(await first.UploadIdAsync(), duplicate.UploadId);
        Assert.True(duplicate.Duplicate);
        Assert.Single(await Broker.PeekAsync(_vhost, QueueNames.IndexDocument));
        Assert.Equal(["uploads/first.pdf"], _library.AllFiles());
    }

    [Theory]
    [InlineData("one name.pdf")]
    [InlineData(null)]
    public async Task Twenty_identical_uploads_at_once_store_one_copy_and_all_answer_with_it(string? oneName)
    {
        var pdf = TestPdf.WithPages("twenty times the same bytes");
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Http.UploadAsync(pdf, oneName ?? $"copy {i}.pdf")));

        Assert.Single(_library.AllFiles());
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Accepted);
        Assert.Equal(19, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        var ids = new HashSet<string>();
        foreach (var response in responses)
        {
            ids.Add(await response.UploadIdAsync());
        }

        Assert.Single(ids);
        Assert.Single(await Broker.PeekAsync(_vhost, QueueNames.IndexDocument));
    }

    [Theory]
    [InlineData("file")]
    [InlineData("other")]
    public async Task A_form_with_a_second_file_is_refused_whole_and_stores_nothing(string secondField)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (field, name, words) in new[] { ("file", "first.pdf", "first of two"), (secondField, "second.pdf", "second of two") })
        {
            var part = new ByteArrayContent(TestPdf.WithPages(words));
            part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
            form.Add(part, field, name);
        }

        using var response = await Http.PostAsync("/v1/upload", form, TestContext.Current.CancellationToken);

        var problem = await response.AssertProblemAsync(400);
        Assert.Contains("more than one file", problem.Detail, StringComparison.Ordinal);
        Assert.Empty(_library.AllFiles());
        Assert.Empty(await Broker.PeekAsync(_vhost, QueueNames.IndexDocument));
    }

    [Fact]
    public async Task Two_uploads_of_one_name_at_the_same_instant_are_both_kept_under_different_names()
    {
        var uploads = Enumerable.Range(0, 4).Select(i => Http.UploadAsync(TestPdf.WithPages($"version {i}"), "same name.pdf"));
        var responses = await Task.WhenAll(uploads);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        Assert.Equal(["uploads/same name (1).pdf", "uploads/same name (2).pdf", "uploads/same name (3).pdf", "uploads/same name.pdf"], _library.AllFiles());
        Assert.Equal(4, (await Broker.PeekAsync(_vhost, QueueNames.IndexDocument)).Count);
    }

    public static TheoryData<string, byte[], string, string?, int> BadFiles() => new()
    {
        { "empty file", [], "empty.pdf", "application/pdf", 400 },
        { "one byte", [(byte)'%'], "one.pdf", "application/pdf", 415 },
        { "text named .pdf", Encoding.UTF8.GetBytes("just some text, honestly"), "notes.pdf", "application/pdf", 415 },
        { "pdf with a wrong content type", TestPdf.WithPages("x"), "real.pdf", "image/png", 415 },
        { "pdf without the .pdf extension", TestPdf.WithPages("x"), "real.docx", "application/pdf", 415 },
        { "one byte over the limit", TestPdf.OfSize(MaxFileSize + 1), "big.pdf", "application/pdf", 413 },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task Bad_files_get_a_problem_answer_and_leave_nothing_behind(string why, byte[] content, string name, string? contentType, int status)
    {
        using var response = await Http.UploadAsync(content, name, contentType);

        var problem = await response.AssertProblemAsync(status);
        Assert.NotNull(why);
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail));
        Assert.Empty(_library.AllFiles());
        Assert.Empty(await Broker.PeekAsync(_vhost, QueueNames.IndexDocument));
    }

    [Fact]
    public async Task A_file_exactly_at_the_limit_is_accepted()
    {
        using var response = await Http.UploadAsync(TestPdf.OfSize(MaxFileSize), "exact.pdf");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task A_form_without_a_file_field_is_a_400_problem()
    {
        using var form = new MultipartFormDataContent { { new StringContent("hello"), "comment" } };
        using var response = await Http.PostAsync("/v1/upload", form, TestContext.Current.CancellationToken);
        await response.AssertProblemAsync(400);
    }

    [Fact]
    public async Task A_file_in_a_field_not_named_file_is_a_400_problem()
    {
        using var response = await Http.PostAsync("/v1/upload", Uploads.Form(TestPdf.WithPages("x"), "x.pdf", field: "document"), TestContext.Current.CancellationToken);
        await response.AssertProblemAsync(400);
        Assert.Empty(_library.AllFiles());
    }

    [Fact]
    public async Task A_request_without_a_body_is_a_400_problem()
    {
        using var response = await Http.PostAsync("/v1/upload", null, TestContext.Current.CancellationToken);
        await response.AssertProblemAsync(400);
    }

    [Fact]
    public async Task A_body_that_is_not_multipart_is_a_415_problem()
    {
        using var response = await Http.PostAsync("/v1/upload", new ByteArrayContent(TestPdf.WithPages("x")) { Headers = { ContentType = new MediaTypeHeaderValue("application/pdf") } },
            TestContext.Current.CancellationToken);
        await response.AssertProblemAsync(415);
        Assert.Empty(_library.AllFiles());
    }

    [Fact]
    public async Task A_malformed_multipart_body_is_a_400_problem_and_leaves_nothing_behind()
    {
        var body = "--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 and then the body just stops";
        using var content = new StringContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=XYZ");
        using var response = await Http.PostAsync("/v1/upload", content, TestContext.Current.CancellationToken);

        await response.AssertProblemAsync(400);
        Assert.Empty(_library.AllFiles());
    }

    [Fact]
    public async Task A_body_declared_larger_than_the_limit_is_refused_with_413_before_it_is_read()
    {
        using var content = new ByteArrayContent(new byte[MaxFileSize * 2]);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=XYZ");
        using var response = await Http.PostAsync("/v1/upload", content, TestContext.Current.CancellationToken);

        await response.AssertProblemAsync(413);
        Assert.Empty(_library.AllFiles());
    }

    [Theory]
    [InlineData("../../outside.pdf", "outside.pdf")]
    [InlineData("/tmp/absolute.pdf", "absolute.pdf")]
    [InlineData("..\\..\\windows.pdf", "windows.pdf")]
    [InlineData("nul\0byte.pdf", "nulbyte.pdf")]
    [InlineData("Ελληνικά και 日本語.pdf", "Ελληνικά και 日本語.pdf")]
    public async Task Hostile_or_unusual_names_are_stored_inside_uploads_only(string name, string stored)
    {
        using var response = await Http.UploadAsync(TestPdf.WithPages($"unusual name {Guid.NewGuid()}"), name);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal([$"uploads/{stored}"], _library.AllFiles());
        Assert.False(File.Exists(Path.Combine(_library.Root, "outside.pdf")));
    }

    [Fact]
    public async Task A_very_long_name_is_shortened_to_one_the_file_system_accepts()
    {
        using var response = await Http.UploadAsync(TestPdf.WithPages("long"), new string('x', 400) + ".pdf");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var stored = Assert.Single(_library.AllFiles());
        Assert.True(Encoding.UTF8.GetByteCount(Path.GetFileName(stored)) <= 255);
    }

    [Fact]
    public async Task Two_hundred_concurrent_uploads_through_one_process_give_200_messages_over_one_connection()
    {
        var pdfs = Enumerable.Range(0, 200).Select(i => TestPdf.WithPages($"document number {i}")).ToList();
        var responses = await Task.WhenAll(pdfs.Select((pdf, i) => Http.UploadAsync(pdf, $"doc-{i}.pdf")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        Assert.Equal(200, (await Broker.PeekAsync(_vhost, QueueNames.IndexDocument)).Count);
        Assert.Single(await Broker.ConnectionsAsync(_vhost));
    }

    [Theory]
    [InlineData("file")]
    [InlineData("folder")]
    public async Task A_library_file_swapped_for_a_symlink_out_of_the_library_is_not_served(string swapped)
    {
        using var response = await Http.UploadAsync(TestPdf.WithPages("mine"), "mine.pdf");
        var id = (await response.Content.ReadFromJsonAsync<UploadAccepted>(TestContext.Current.CancellationToken))!.UploadId;
        var outside = Directory.CreateDirectory(Path.Combine(_library.Root, "outside")).FullName;
        var secret = Path.Combine(outside, "mine.pdf");
        await File.WriteAllTextAsync(secret, "%PDF- someone else's file", TestContext.Current.CancellationToken);
        var stored = Path.Combine(_library.UploadsPath, "mine.pdf");
        if (swapped == "file")
        {
            File.Delete(stored);
            File.CreateSymbolicLink(stored, secret);
        }
        else
        {
            Directory.Delete(_library.UploadsPath, recursive: true);
            Directory.CreateSymbolicLink(_library.UploadsPath, outside);
        }

        using var download = await Http.GetAsync($"/v1/documents/{id}/file", TestContext.Current.CancellationToken);

        await download.AssertProblemAsync(404);
    }

    [Fact]
    public async Task A_symlink_that_stays_inside_the_library_is_served()
    {
        using var response = await Http.UploadAsync(TestPdf.WithPages("linked"), "linked.pdf");
        var id = (await response.Content.ReadFromJsonAsync<UploadAccepted>(TestContext.Current.CancellationToken))!.UploadId;
        var stored = Path.Combine(_library.UploadsPath, "linked.pdf");
        var moved = _library.Write("elsewhere/linked.pdf", await File.ReadAllBytesAsync(stored, TestContext.Current.CancellationToken));
        File.Delete(stored);
        File.CreateSymbolicLink(stored, moved);

        using var download = await Http.GetAsync($"/v1/documents/{id}/file", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(await File.ReadAllBytesAsync(moved, TestContext.Current.CancellationToken), await download.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Health_reports_bus_catalog_publish_circuit_and_documents_by_status()
    {
        using (var upload = await Http.UploadAsync(TestPdf.WithPages("counted"), "counted.pdf"))
        {
            Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        }

        var health = await Http.GetAsync<HealthDetailResponse>("/health/detail");
        Assert.Equal("Healthy", health.Status);
        var checks = health.Checks;
        foreach (var name in new[] { "masstransit-bus", "catalog", "publish-circuit", "self" })
        {
            Assert.Equal("Healthy", checks[name].Status);
        }

        Assert.Equal("Closed", checks["publish-circuit"].Data["state"].ToString());
        // The documents by status, for the status page; the readiness probe does not count them.
        Assert.Equal("Healthy", checks["documents"].Status);
        Assert.Equal(["queued", "indexed", "failed", "removed"], checks["documents"].Data.Keys);
        Assert.Equal(["1", "0", "0", "0"], checks["documents"].Data.Values.Select(v => v.ToString()));

        // The probes say the status and nothing about what stands behind it.
        foreach (var probe in new[] { "/health", "/alive" })
        {
            Assert.Equal("Healthy", (await Http.GetAsync<HealthStatusResponse>(probe)).Status);
            // The wire shape itself: no other member, whatever the record may grow.
            var body = await Http.GetAsync<System.Text.Json.JsonElement>(probe);
            Assert.Equal(["status"], body.EnumerateObject().Select(p => p.Name));
        }
    }
}
