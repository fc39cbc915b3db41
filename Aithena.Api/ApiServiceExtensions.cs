using Aithena.Api.Accounts;
using Aithena.Api;
using Aithena.Api.Collections;
using Aithena.Api.Covers;
using Aithena.Api.Documents;
using Aithena.Api.Embeddings;
using Aithena.Api.Messaging;
using Aithena.Api.Metadata;
using Aithena.Api.Search;
using Aithena.Api.Security;
using Aithena.Api.Upload;
using Aithena.Catalog;
using Aithena.Catalog.Covers;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Scalar.AspNetCore;

namespace Microsoft.Extensions.Hosting;

public static class ApiServiceExtensions
{
    /// <summary>
    /// Everything the Api needs: library and upload options, the catalog, the bus, the publish pipeline, access control
    /// (users, tokens, role policies, rate limit), problem details and OpenAPI.
    /// </summary>
    public static IHostApplicationBuilder AddAithenaApi(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddLibraryOptions()
            .Validate(IsWritable, "Library:Path is not writable: the Api stores uploads there.");
        services.AddOptions<UploadOptions>().BindConfiguration(UploadOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        builder.AddCatalog();
        // Counts by status for the detailed report and the web app's status page; the readiness probe skips them.
        services.AddHealthChecks().AddCheck<DocumentCountsHealthCheck>("documents", tags: [Extensions.DetailOnlyTag]);
        builder.AddSemanticSearch();
        // The bus carries only uploads here: with the broker down, search, documents and downloads still work, so the
        // instance stays ready (Degraded, 200) instead of being taken out of every load balancer.
        builder.AddAithenaBus(brokerDownStatus: HealthStatus.Degraded);
        services.AddPublishPipeline();
        builder.AddAccessControl();

        services.AddSingleton<UploadReceiver>();
        services.AddSingleton<UploadStore>();
        services.AddSingleton<UploadMetrics>();
        services.AddSingleton<UploadDocument>();
        services.AddSingleton<RetryDocument>();
        services.AddSingleton<RemoveDocumentFromLibrary>();
        services.AddSingleton<EmbeddingProgressReader>();
        services.AddSingleton<CorrectDocumentMetadata>();
        services.AddSingleton<CoverStore>();

        services.AddProblemDetails();
        // Unbindable query values (page=abc) throw, so BadRequestExceptionHandler can say which parameter was wrong.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddOpenApi();
        return builder;
    }

    /// <summary>The Api's endpoints only; the middleware they rely on is listed, in order, in Program.cs.</summary>
    public static WebApplication MapAithenaApi(this WebApplication app)
    {
        app.MapAccountsApi();
        app.MapUsersApi();
        app.MapUploadApi();
        app.MapDocumentsApi();
        app.MapEmbeddingsApi();
        app.MapMetadataApi();
        app.MapCoversApi();
        app.MapSearchApi();
        app.MapCollectionsApi();

        app.MapOpenApi();
        app.MapScalarApiReference();
        return app;
    }

    private static bool IsWritable(LibraryOptions options)
    {
        if (options.Path is null || !Directory.Exists(options.Path))
        {
            return true; // reported by the "exists" rule
        }

        try
        {
            var probe = Path.Combine(options.Root, LibraryOptions.IncomingFolder);
            Directory.CreateDirectory(probe);
            var file = Path.Combine(probe, $"write-check-{Guid.NewGuid():N}");
            File.WriteAllBytes(file, []);
            File.Delete(file);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
