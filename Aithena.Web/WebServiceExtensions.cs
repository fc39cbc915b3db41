using System.Net.Http.Headers;
using System.Text;
using Aithena.Web.Accounts;
using Aithena.Web.Api;
using Aithena.Web.Broker;
using Aithena.Web;
using Aithena.Web.Upload;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

public static class WebServiceExtensions
{
    /// <summary>
    /// The web app: Razor components (static server rendering; interactive server only for the upload and status
    /// pages), sign-in, the Api's typed client through service discovery with the standard resilience handler and the
    /// signed-in user's token, and the broker's management API for the status page's queue figures.
    /// </summary>
    public static IHostApplicationBuilder AddAithenaWeb(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();

        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StatusOptions>().BindConfiguration(StatusOptions.SectionName);
        services.AddOptions<UploadOptions>().BindConfiguration(UploadOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        services.AddWebAccounts();
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers, below
        services.AddHttpClient<AithenaApiClient>((provider, http) =>
                http.BaseAddress = provider.GetRequiredService<IOptions<ApiOptions>>().Value.BaseAddress)
            // The service defaults add the standard handler to every client; this one is replaced so that an upload
            // (a POST that stored a file) is never sent twice, while reads keep their retries. (EXTEXP0001: the
            // documented way to replace what ConfigureHttpClientDefaults added, still marked experimental.)
            .RemoveAllResilienceHandlers()
            .AddStandardResilienceHandler(options =>
            {
                options.Retry.DisableForUnsafeHttpMethods();
                // A 50 MB upload on a busy machine takes longer than the default 10 s attempt.
                options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(60);
                options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(120);
                options.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(120);
            });

        // The status page's queue figures: the broker's management API with read-only credentials, when configured.
        services.AddOptions<BrokerManagementOptions>().BindConfiguration("ConnectionStrings").ValidateOnStart();
        services.AddSingleton<IValidateOptions<BrokerManagementOptions>, BrokerManagementOptionsValidator>();
        services.AddHttpClient<BrokerQueuesClient>((provider, http) =>
            {
                if (provider.GetRequiredService<IOptions<BrokerManagementOptions>>().Value.Endpoint is { } endpoint)
                {
                    http.BaseAddress = endpoint.BaseAddress;
                    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
                        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{endpoint.UserName}:{endpoint.Password}")));
                }
            })
            // A page refreshing every few seconds wants a quick "does not answer", not the default 30 s of retries.
            .RemoveAllResilienceHandlers()
            .AddStandardResilienceHandler(options =>
            {
                options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(2);
                options.Retry.MaxRetryAttempts = 1;
                options.Retry.Delay = TimeSpan.FromMilliseconds(200);
                options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(5);
            });
#pragma warning restore EXTEXP0001
        return builder;
    }

    /// <summary><c>GET /documents/{id}/file</c>: the PDF streamed from the Api, so the browser never needs the key.</summary>
    public static WebApplication MapDocumentFiles(this WebApplication app)
    {
        app.MapGet("/documents/{id}/file", DocumentFile.GetAsync).WithName("DocumentFile").RequireAuthorization(Aithena.ServiceDefaults.Access.Roles.Reader);
        app.MapGet("/documents/{id}/cover", DocumentCover.GetAsync).WithName("DocumentCover").RequireAuthorization(Aithena.ServiceDefaults.Access.Roles.Reader);
        return app;
    }
}
