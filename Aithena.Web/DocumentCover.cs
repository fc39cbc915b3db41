using Aithena.Contracts;
using Aithena.Web.Api;

namespace Aithena.Web;

/// <summary>A document's cover (PNG) from the Api, through this app like the PDF, with the Api's caching headers.</summary>
public static class DocumentCover
{
    private static readonly string[] PassedHeaders = ["ETag", "Last-Modified", "Cache-Control"];

    public static async Task<IResult> GetAsync(string id, HttpContext context, AithenaApiClient api)
    {
        if (!DocumentIds.IsValid(id))
        {
            return TypedResults.NotFound();
        }

        HttpResponseMessage upstream;
        try
        {
            upstream = await api.GetCoverAsync(id, context.RequestAborted);
        }
        catch (ApiUnavailableException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status502BadGateway, title: "Api unavailable");
        }

        context.Response.RegisterForDispose(upstream);
        if (!upstream.IsSuccessStatusCode)
        {
            return upstream.StatusCode == System.Net.HttpStatusCode.NotFound
                ? TypedResults.NotFound()
                : TypedResults.Problem("The Api could not give the cover.", statusCode: StatusCodes.Status502BadGateway, title: "Api error");
        }

        var response = context.Response;
        foreach (var name in PassedHeaders)
        {
            if (upstream.Headers.TryGetValues(name, out var values) || upstream.Content.Headers.TryGetValues(name, out values))
            {
                response.Headers[name] = values.ToArray();
            }
        }

        response.ContentType = "image/png";
        response.ContentLength = upstream.Content.Headers.ContentLength;
        response.Headers.XContentTypeOptions = "nosniff";
        await upstream.Content.CopyToAsync(response.Body, context.RequestAborted);
        return TypedResults.Empty;
    }
}
