using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Aithena.Api.Security;

/// <summary>
/// Refuses a request without the configured API key before its body is read, so an unauthorised upload stores
/// nothing. The comparison takes the same time whatever the key sent, and neither key is ever logged.
/// </summary>
public sealed class ApiKeyFilter(IOptions<AccessOptions> options) : IEndpointFilter
{
    public const string HeaderName = "X-Api-Key";
    private readonly byte[]? _expected = options.Value.ApiKey is { Length: > 0 } key ? SHA256.HashData(Encoding.UTF8.GetBytes(key)) : null;

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (_expected is null || IsValid(context.HttpContext.Request.Headers[HeaderName].ToString()))
        {
            return next(context);
        }

        context.HttpContext.Response.Headers.WWWAuthenticate = HeaderName;
        return ValueTask.FromResult<object?>(TypedResults.Problem(
            $"This operation needs a valid API key in the {HeaderName} header.",
            statusCode: StatusCodes.Status401Unauthorized,
            title: "API key required"));
    }

    private bool IsValid(string presented) =>
        presented.Length > 0 && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), _expected);
}
