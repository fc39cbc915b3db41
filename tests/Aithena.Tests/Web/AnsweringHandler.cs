using System.Net;
using System.Text.Json;

namespace Aithena.Tests.Web;

/// <summary>
/// Stands in for a server in bUnit tests of the pages: answers every request with what <paramref name="answer"/> says,
/// and keeps the requests for the test to read.
/// </summary>
internal sealed class AnsweringHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
{
    public List<Uri> Requests { get; } = [];

    /// <summary>A 200 with <paramref name="body"/> as the Api writes JSON (web defaults: camelCase).</summary>
    public static HttpResponseMessage Json<T>(T body) => new(HttpStatusCode.OK)
    {
        Content = new StringContent(JsonSerializer.Serialize(body, new JsonSerializerOptions(JsonSerializerDefaults.Web)),
            System.Text.Encoding.UTF8, "application/json"),
    };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (Requests)
        {
            Requests.Add(request.RequestUri!);
        }

        return Task.FromResult(answer(request));
    }
}
