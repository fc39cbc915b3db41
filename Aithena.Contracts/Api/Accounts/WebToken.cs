namespace Aithena.Api.Accounts;

/// <summary>
/// A signed-in session's bearer token (a JWT the Api signed), who it is for, and when it stops working. The web app
/// keeps it in its encrypted cookie and sends it with every call it makes for that user.
/// </summary>
public sealed record WebToken(string AccessToken, DateTimeOffset ExpiresAt, string UserName, string Role);
