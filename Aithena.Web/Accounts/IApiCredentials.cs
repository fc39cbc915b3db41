namespace Aithena.Web.Accounts;

/// <summary>Puts on an outgoing request the credentials of whoever the current page is for.</summary>
public interface IApiCredentials
{
    Task ApplyAsync(HttpRequestMessage request);
}
