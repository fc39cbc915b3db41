using Microsoft.Extensions.Configuration;

namespace Aithena.AppHost.Access;

public static class AccessResourceExtensions
{
    /// <summary>
    /// The secret parameters <c>admin-password</c> (the user <c>admin</c> is created with it when no administrator
    /// exists), <c>token-key</c> and <c>health-key</c>, each generated once and kept in the AppHost's user secrets when
    /// not given; <c>Aithena:Anonymous</c> (None unless set: Read for a public library, Full for a single-user machine);
    /// <c>Aithena:WebHosts</c>, the host names the web app answers to.
    /// </summary>
    public static AithenaAccess AddAithenaAccess(this IDistributedApplicationBuilder builder)
    {
        var generated = new GenerateParameterDefault { MinLength = 24, Special = false };
        return new AithenaAccess(
            builder.AddParameter("admin-password", generated, secret: true, persist: true),
            builder.AddParameter("token-key", new GenerateParameterDefault { MinLength = 48, Special = false }, secret: true, persist: true),
            builder.AddParameter("health-key", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true, persist: true),
            builder.Configuration["Aithena:Anonymous"] is { Length: > 0 } anonymous ? anonymous : "None",
            builder.Configuration["Aithena:WebHosts"] is { Length: > 0 } hosts ? hosts : "localhost;127.0.0.1;[::1]");
    }

    /// <summary>What every service gets: the anonymous setting, and the health key that opens its detailed report.</summary>
    public static IResourceBuilder<ProjectResource> WithAithenaAccess(this IResourceBuilder<ProjectResource> service, AithenaAccess access) =>
        service
            .WithEnvironment("Access__Anonymous", access.Anonymous)
            .WithEnvironment("Access__HealthKey", access.HealthKey);

    /// <summary>The Api also signs web tokens and creates the first administrator.</summary>
    public static IResourceBuilder<ProjectResource> WithAccountsAuthority(this IResourceBuilder<ProjectResource> api, AithenaAccess access) =>
        api
            .WithEnvironment("Access__TokenKey", access.TokenKey)
            .WithEnvironment("Access__AdminPassword", access.AdminPassword);

    /// <summary>The web app answers only to its known host names (it builds links from the Host header).</summary>
    public static IResourceBuilder<ProjectResource> WithKnownHosts(this IResourceBuilder<ProjectResource> web, AithenaAccess access) =>
        web.WithEnvironment("AllowedHosts", access.WebHosts);
}
