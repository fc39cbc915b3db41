using System.Net.Http.Headers;
using Aithena.Contracts;
using Aithena.Web.Api;
using ContentDisposition = Microsoft.Net.Http.Headers.ContentDispositionHeaderValue;

namespace Aithena.Web;

/// <summary>
/// The PDF of a document, streamed from the Api with its range support (the browser's viewer asks for ranges), shown
/// inline, or as an attachment with <c>?download=1</c>. The browser talks to this app only; this app calls the Api as the signed-in user.
/// </summary>
public static class DocumentFile
{
    private static readonly string[] PassedHeaders = ["Content-Range", "Accept-Ranges", "ETag", "Last-Modified"];

    public static async Task<IResult> GetAsync(string id, string? download, HttpContext context, AithenaApiClient api)
    {
        if (!DocumentIds.IsValid(id))
        {
            return TypedResults.NotFound();
        }

        RangeHeaderValue? range = null;
        if (context.Request.Headers.Range.ToString() is { Length: > 0 } asked && !RangeHeaderValue.TryParse(asked, out range))
        {
            range = null;
        }

        HttpResponseMessage upstream;
        try
        {
            upstream = await api.GetFileAsync(id, range, context.RequestAborted);
        }
        catch (ApiUnavailableException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status502BadGateway, title: "Api unavailable");
        }

        context.Response.RegisterForDispose(upstream);
        if (!upstream.IsSuccessStatusCode && upstream.StatusCode != System.Net.HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            return upstream.StatusCode == System.Net.HttpStatusCode.NotFound
                ? TypedResults.NotFound()
                : TypedResults.Problem("The Api could not give the file.", statusCode: StatusCodes.Status502BadGateway, title: "Api error");
        }

        var response = context.Response;
        response.StatusCode = (int)upstream.StatusCode;
        foreach (var name in PassedHeaders)
        {
            if (upstream.Headers.TryGetValues(name, out var values) || upstream.Content.Headers.TryGetValues(name, out values))
            {
                response.Headers[name] = values.ToArray();
            }
        }

        response.ContentType = "application/pdf";
        response.ContentLength = upstream.Content.Headers.ContentLength;
        var fileName = upstream.Content.Headers.ContentDisposition?.FileNameStar ?? upstream.Content.Headers.ContentDisposition?.FileName?.Trim('"') ?? $"{id}.pdf";
        var disposition = new ContentDisposition(download is "1" or "true" ? "attachment" : "inline");
        disposition.SetHttpFileName(fileName);
        response.Headers.ContentDisposition = disposition.ToString();
        // Served as what it is, never sniffed into something a browser would run; and a sandboxed document, so that a
        // PDF that is also HTML runs no script as this origin.
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = "sandbox";
        await upstream.Content.CopyToAsync(response.Body, context.RequestAborted);
        return TypedResults.Empty;
    }
}
