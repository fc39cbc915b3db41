using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Aithena.Tests.Infrastructure;

/// <summary>Multipart uploads as a browser or curl sends them, and reading their answers.</summary>
public static class Uploads
{
    public static MultipartFormDataContent Form(byte[] content, string fileName, string? contentType = "application/pdf", string field = "file")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        if (contentType is not null)
        {
            file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        // Set by hand: HttpClient would escape the name, and these tests need to send hostile names verbatim.
        file.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = $"\"{field}\"", FileName = $"\"{fileName}\"" };
        form.Add(file);
        return form;
    }

    public static Task<HttpResponseMessage> UploadAsync(this HttpClient http, byte[] content, string fileName, string? contentType = "application/pdf") =>
        http.PostAsync("/v1/upload", Form(content, fileName, contentType), TestContext.Current.CancellationToken);

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

    public static async Task<JsonElement> GetJsonAsync(this HttpClient http, string path)
    {
        using var response = await http.GetAsync(path, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.JsonAsync();
    }

    /// <summary>Waits until the document's status is one of <paramref name="statuses"/> and returns it.</summary>
    public static Task<JsonElement> WaitForStatusAsync(this HttpClient http, string id, TimeSpan timeout, params string[] statuses) =>
        Eventually.Until(
            async () =>
            {
                using var response = await http.GetAsync($"/v1/documents/{id}", TestContext.Current.CancellationToken);
                return response.IsSuccessStatusCode ? await response.JsonAsync() : default;
            },
            doc => doc.ValueKind == JsonValueKind.Object && statuses.Contains(doc.GetProperty("status").GetString()),
            timeout,
            $"document {id} to be {string.Join(" or ", statuses)}");

    /// <summary>Asserts an RFC 9457 problem answer with this status code.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, int status)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        return problem;
    }
}
