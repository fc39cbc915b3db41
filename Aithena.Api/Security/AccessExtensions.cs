using System.Globalization;
using System.Threading.RateLimiting;
using Aithena.Api.Accounts;
using Aithena.Catalog;
using Aithena.ServiceDefaults.Access;
using Aithena.ServiceDefaults.Secrets;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Aithena.Api.Security;

public static class AccessExtensions
{
    /// <summary>
    /// Who is asking and what they may do: users in the catalog's database (ASP.NET Core Identity over EF Core), web
    /// tokens (JWTs this Api signs) and personal tokens as the two ways to authenticate, one authorization policy per
    /// role, the first administrator, and the per-caller upload rate limit.
    /// </summary>
    public static IHostApplicationBuilder AddAccessControl(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.SectionName).ValidateDataAnnotations()
            .Validate(access => access.Anonymous == AnonymousAccess.Full || access.TokenKey is { Length: > 0 },
                "Access:TokenKey is not set: the Api signs signed-in users' tokens with it (at least 32 characters, the same on every replica). " +
                "Set it, or set Access:Anonymous=Full for a single-user machine.")
            .ValidateOnStart();
        services.AddSecretSetting($"{AccessOptions.SectionName}:{nameof(AccessOptions.TokenKey)}", SecretKind.Value);
        services.AddSecretSetting($"{AccessOptions.SectionName}:{nameof(AccessOptions.AdminPassword)}", SecretKind.Value);

        builder.AddAccountsDatabase();
        services.AddIdentityCore<AithenaUser>(identity =>
            {
                identity.User.RequireUniqueEmail = false;
                identity.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
                identity.Password.RequiredLength = 10;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Password.RequireUppercase = false;
                identity.Password.RequireLowercase = false;
                identity.Password.RequireDigit = false;
                identity.Lockout.MaxFailedAccessAttempts = 5;
                identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                identity.Lockout.AllowedForNewUsers = true;
            })
            .AddEntityFrameworkStores<AccountsDbContext>()
            .AddSignInManager();
        services.AddScoped<CallerDirectory>();
        services.AddSingleton<WebTokenSigningKey>();
        services.AddSingleton<WebTokenIssuer>();
        services.AddScoped<SignIn>();
        services.AddScoped<PersonalTokens>();
        services.AddScoped<UserAdministration>();
        services.AddHostedService<FirstAdministrator>();

        services.AddAuthentication(BearerSchemes.Selector)
            .AddPolicyScheme(BearerSchemes.Selector, "Bearer: a personal token or a web token", policy =>
                policy.ForwardDefaultSelector = context =>
                    BearerToken.From(context.Request) is { } token && PersonalTokenSecrets.LooksLikeOne(token)
                        ? PersonalTokenAuthenticationHandler.SchemeName
                        : JwtBearerDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, PersonalTokenAuthenticationHandler>(PersonalTokenAuthenticationHandler.SchemeName, null)
            .AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<WebTokenSigningKey>((jwt, key) =>
        {
            jwt.MapInboundClaims = false;
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = WebTokenSigningKey.Issuer,
                ValidAudience = WebTokenSigningKey.Audience,
                IssuerSigningKey = key.Key,
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                ClockSkew = TimeSpan.FromSeconds(30),
                NameClaimType = "name",
            };
            jwt.Events = new WebTokenEvents();
        });

        services.AddRolePolicies();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();

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
                    $"Too many uploads from this caller; the limit is {context.HttpContext.RequestServices.GetRequiredService<IOptions<AccessOptions>>().Value.UploadsPerMinute} a minute.",
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Too many uploads").ExecuteAsync(context.HttpContext);
            };
        });
        return builder;
    }

    /// <summary>The accounts' EF Core context on the catalog's engine and database.</summary>
    private static void AddAccountsDatabase(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(CatalogServiceExtensions.ConnectionName);
        if (CatalogEngines.Of(connectionString) == CatalogEngine.Postgres)
        {
            // The connection string, not Aspire's data source: EF Core builds an internal service provider per data
            // source, and a process that hosts many Apis (the tests) would pass its limit of twenty.
            builder.Services.AddDbContextPool<AccountsDbContext>(options => options.UseNpgsql(connectionString));
        }
        else
        {
            builder.Services.AddDbContextPool<AccountsDbContext>((provider, options) =>
                options.UseSqlite(provider.GetRequiredService<SqliteCatalogDatabase>().ConnectionString));
        }
    }
}
