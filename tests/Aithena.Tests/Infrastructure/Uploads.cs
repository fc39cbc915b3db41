using System.Net.Http.Headers;
using System.Text;
using Aithena.Api.Upload;

namespace Aithena.Tests.Infrastructure;

/// <summary>Multipart uploads as a browser or curl sends them.</summary>
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

    /// <summary>The new document's id from a 202 (or the existing one's from a 200) upload answer.</summary>
    public static async Task<string> UploadIdAsync(this HttpResponseMessage response) =>
        (await response.ReadAsync<UploadAccepted>()).UploadId;
}
