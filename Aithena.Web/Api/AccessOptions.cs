namespace Aithena.Web.Api;

/// <summary>
/// The Api's key (<c>Access:ApiKey</c>, the same setting as the Api's own). Held by this server and sent by it as
/// <c>X-Api-Key</c>; it never reaches a browser: pages render here and the PDF is streamed through this app.
/// </summary>
public sealed class AccessOptions
{
    public const string SectionName = "Access";

    public string? ApiKey { get; set; }
}
