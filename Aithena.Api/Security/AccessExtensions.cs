using System.Globalization;
using System.Threading.RateLimiting;
using Aithena.ServiceDefaults.Messaging;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Aithena.Api.Security;

public static class AccessExtensions
{
    public const string UploadPolicy = "uploads";

    /// <summary>The API key filter and the per-client upload rate limit, both off unless configured.</summary>
    public static IServiceCollection AddAccessControl(this IServiceCollection services)
    {
        services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSecretSetting($"{AccessOptions.SectionName}:{nameof(AccessOptions.ApiKey)}", SecretKind.Value);
        services.AddSingleton<ApiKeyFilter>();
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(UploadPolicy, context =>
            {
                var perMinute = context.RequestServices.GetRequiredService<IOptions<AccessOptions>>().Value.UploadsPerMinute;
                if (perMinute == 0)
                {
                    return RateLimitPartition.GetNoLimiter("unlimited");
                }

                // A client is its API key when it sends one (hashed: partition keys may surface in diagnostics), else its address.
                var key = context.Request.Headers[ApiKeyFilter.HeaderName].ToString();
                var client = key.Length > 0
                    ? "key:" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..16]
                    : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
                return RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = perMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await TypedResults.Problem(
                    $"Too many uploads from this client; the limit is {context.HttpContext.RequestServices.GetRequiredService<IOptions<AccessOptions>>().Value.UploadsPerMinute} a minute.",
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Too many uploads").ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }

    /// <summary>Applies the API key to reads too when <see cref="AccessOptions.ProtectReads"/> is on.</summary>
    public static RouteGroupBuilder RequireApiKeyForReads(this RouteGroupBuilder group, IServiceProvider services) =>
        services.GetRequiredService<IOptions<AccessOptions>>().Value.ProtectReads ? group.AddEndpointFilter<ApiKeyFilter>() : group;
}
