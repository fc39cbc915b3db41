using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Aithena.Catalog;

public static class CatalogServiceExtensions
{
    public const string ConnectionName = "catalog";

    /// <summary>
    /// The shared catalog: options from <c>ConnectionStrings:catalog</c> (checked at start-up), whose form picks the engine
    /// (<see cref="CatalogEngines.Of"/>), the schema migrated before anything else starts, and a <c>catalog</c> readiness check.
    /// PostgreSQL comes through Aspire's Npgsql integration: one pooled <c>NpgsqlDataSource</c>, its own health check,
    /// and Npgsql's traces and metrics in the service's telemetry.
    /// </summary>
    public static IHostApplicationBuilder AddCatalog(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<CatalogOptions>()
            .BindConfiguration("ConnectionStrings")
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(TimeProvider.System);
        if (CatalogEngines.Of(builder.Configuration.GetConnectionString(ConnectionName)) == CatalogEngine.Postgres)
        {
            builder.AddNpgsqlDataSource(ConnectionName);
            builder.Services.AddSingleton<ICatalogSchema, PostgresCatalogSchema>();
            builder.Services.AddSingleton<IDocumentCatalog, PostgresDocumentCatalog>();
            builder.Services.AddSingleton<ICatalogSearch, PostgresCatalogSearch>();
            builder.Services.AddSingleton<IOcrCatalog, PostgresOcrCatalog>();
            builder.Services.AddSingleton<IMetadataCorrections, PostgresMetadataCorrections>();
            builder.Services.AddSingleton<IDocumentGroups, PostgresDocumentGroups>();
        }
        else
        {
            builder.Services.AddSingleton<SqliteCatalogDatabase>();
            builder.Services.AddSingleton<ICatalogSchema, SqliteCatalogSchema>();
            builder.Services.AddSingleton<IDocumentCatalog, SqliteDocumentCatalog>();
            builder.Services.AddSingleton<ICatalogSearch, SqliteCatalogSearch>();
            builder.Services.AddSingleton<IOcrCatalog, SqliteOcrCatalog>();
            builder.Services.AddSingleton<IMetadataCorrections, SqliteMetadataCorrections>();
            builder.Services.AddSingleton<IDocumentGroups, SqliteDocumentGroups>();
        }

        // Registered before the bus, so the schema exists before the first message is consumed.
        builder.Services.AddHostedService<CatalogMigrator>();
        builder.Services.AddHealthChecks().AddCheck<CatalogHealthCheck>("catalog", tags: ["ready"]);
        return builder;
    }
}
