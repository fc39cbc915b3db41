using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Aithena.Tests.Infrastructure;

/// <summary>Multipart uploads as a browser or curl sends them, and reading their answers.</summary>
public static class Uploads
{
    /// <summary>
    /// A multipart body written byte by byte, as curl writes it: the file name goes out verbatim in UTF-8 (HttpClient's
    /// own form classes would refuse or escape the hostile names these tests need to send).
    /// </summary>
    public static HttpContent Form(byte[] content, string fileName, string? contentType = "application/pdf", string field = "file")
    {
        var boundary = "----aithena-test-" + Guid.NewGuid().ToString("N");
        using var body = new MemoryStream();
        var head = $"--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{fileName.Replace("\"", "\\\"", StringComparison.Ordinal)}\"\r\n"
                   + (contentType is null ? "" : $"Content-Type: {contentType}\r\n") + "\r\n";
        body.Write(Encoding.UTF8.GetBytes(head));
        body.Write(content);
        body.Write(Encoding.UTF8.GetBytes($"\r\n--{boundary}--\r\n"));
        var result = new ByteArrayContent(body.ToArray());
        result.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={boundary}");
        return result;
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
