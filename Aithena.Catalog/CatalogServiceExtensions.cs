using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Aithena.Catalog;

public static class CatalogServiceExtensions
{
    /// <summary>
    /// The shared catalog: options from <c>ConnectionStrings:catalog</c> (checked at start-up), the schema
    /// migrated before anything else starts, and a <c>catalog</c> readiness check.
    /// </summary>
    public static IHostApplicationBuilder AddCatalog(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CatalogOptions>()
            .BindConfiguration("ConnectionStrings")
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<CatalogDatabase>();
        builder.Services.AddSingleton<DocumentCatalog>();
        builder.Services.AddSingleton<CatalogSearch>();
        // Registered before the bus, so the schema exists before the first message is consumed.
        builder.Services.AddHostedService<CatalogMigrator>();
        builder.Services.AddHealthChecks().AddCheck<CatalogHealthCheck>("catalog", tags: ["ready"]);
        return builder;
    }
}

internal sealed class CatalogMigrator(CatalogDatabase database) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await CatalogSchema.MigrateAsync(connection, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
