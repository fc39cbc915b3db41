namespace Aithena.Api.Accounts;

/// <summary>The token of an <c>Authorization: Bearer ...</c> header, if the request has exactly one.</summary>
public static class BearerToken
{
    public static string? From(HttpRequest request)
    {
        var header = request.Headers.Authorization;
        if (header.Count != 1 || header[0] is not { } value || !value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = value["Bearer ".Length..].Trim();
        return token.Length > 0 ? token : null;
    }
}
