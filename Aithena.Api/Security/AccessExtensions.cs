using Aithena.ServiceDefaults.Secrets;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Aithena.Api.Security;

public static class AccessExtensions
{
    /// <summary>
    /// The API key as an authentication scheme, the policies that require it (upload; reads when protected), and the
    /// per-client upload rate limit. Everything is open and unlimited unless configured.
    /// </summary>
    public static IServiceCollection AddAccessControl(this IServiceCollection services)
    {
        services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSecretSetting($"{AccessOptions.SectionName}:{nameof(AccessOptions.ApiKey)}", SecretKind.Value);
        services.AddSingleton<ApiKeyVerifier>();

        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorization();
        // The policies follow the options, so the endpoints name a policy and never read configuration themselves.
        services.AddOptions<AuthorizationOptions>().Configure<IOptions<AccessOptions>>((authorization, access) =>
        {
            var keyed = access.Value.ApiKey is { Length: > 0 };
            authorization.AddPolicy(AccessPolicies.Upload, KeyHolderOrAnyone(keyed));
            authorization.AddPolicy(AccessPolicies.Read, KeyHolderOrAnyone(keyed && access.Value.ProtectReads));
        });

        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(AccessPolicies.UploadRate, context =>
            {
                var perMinute = context.RequestServices.GetRequiredService<IOptions<AccessOptions>>().Value.UploadsPerMinute;
                return perMinute == 0
                    ? RateLimitPartition.GetNoLimiter("unlimited")
                    : RateLimitPartition.GetFixedWindowLimiter(ClientPartition.For(context), _ => new FixedWindowRateLimiterOptions
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

    private static AuthorizationPolicy KeyHolderOrAnyone(bool keyRequired) => keyRequired
        ? new AuthorizationPolicyBuilder(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser().Build()
        // Open: a requirement that always holds, so the endpoint can name the policy whatever the configuration.
        : new AuthorizationPolicyBuilder().RequireAssertion(_ => true).Build();
}
