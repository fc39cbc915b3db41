using Aithena.AppHost.Messaging;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Aithena.AppHost.Catalog;

public static class CatalogResourceExtensions
{
    /// <summary>The connection string's name, so every service gets <c>ConnectionStrings__catalog</c>.</summary>
    public const string ResourceName = "catalog";

    /// <summary>The database scripts/postgres.sh creates.</summary>
    private const string LocalDatabase = "aithena";

    /// <summary>
    /// The catalog. Published, it is PostgreSQL (<c>AddPostgres(...).AddDatabase("catalog")</c>: a container with a data
    /// volume and the secret <c>postgres-password</c> parameter), since the services of a deployment run on several machines
    /// and a SQLite file cannot be shared between them. Run here, <c>Aithena:Catalog</c> chooses: SQLite by default
    /// (nothing to start), or PostgreSQL as a container or as Debian's server, supervised like the local broker.
    /// </summary>
    public static AithenaCatalog AddAithenaCatalog(this IDistributedApplicationBuilder builder)
    {
        var mode = builder.ExecutionContext.IsPublishMode
            ? CatalogMode.Postgres
            : builder.Configuration.GetValue("Aithena:Catalog", CatalogMode.Sqlite);
        if (mode == CatalogMode.Sqlite)
        {
            var data = builder.AddFolderParameter("data-path");
            return AithenaCatalog.SqliteFile(ReferenceExpression.Create($"Data Source={data}/catalog.db"));
        }

        var user = builder.AddParameter("postgres-user");
        // Generated once and kept in the AppHost's user secrets: the server's data outlives a run and keeps its password.
        var password = builder.AddParameter("postgres-password", new GenerateParameterDefault { MinLength = 24, Special = false },
            secret: true, persist: true);
        var server = builder.ExecutionContext.IsPublishMode
            ? BrokerMode.Container
            : builder.Configuration.GetValue("Aithena:CatalogServer", builder.Configuration.GetValue("Aithena:Broker", BrokerMode.Container));
        return AithenaCatalog.Postgres(server == BrokerMode.Container
            ? builder.AddPostgres("postgres", user, password)
                .WithDataVolume("aithena-postgres-data")
                .WithLifetime(ContainerLifetime.Persistent)
                .AddDatabase(ResourceName)
            : builder.AddLocalPostgres(user, password));
    }

    /// <summary>
    /// <c>ConnectionStrings__catalog</c> for a service: the SQLite path, or a reference to the PostgreSQL database,
    /// which the service waits for (its schema is migrated by whichever service starts first, under an advisory lock).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithAithenaCatalog(this IResourceBuilder<ProjectResource> service, AithenaCatalog catalog) =>
        catalog.Database is { } database
            ? service.WithReference(database).WaitFor(database)
            : service.WithEnvironment("ConnectionStrings__catalog", catalog.Sqlite!);

    private static IResourceBuilder<IResourceWithConnectionString> AddLocalPostgres(this IDistributedApplicationBuilder builder,
        IResourceBuilder<ParameterResource> user, IResourceBuilder<ParameterResource> password)
    {
        var settings = builder.Configuration.GetSection("Aithena:LocalPostgres");
        var port = settings.GetValue("Port", 5442);
        var directory = Path.GetFullPath(settings["Directory"] ?? "../.aithena/apphost-postgres", builder.AppHostDirectory);
        var repository = Path.GetFullPath("..", builder.AppHostDirectory);

        // The script keeps the server in the foreground as its child, so DCP owns it and stopping the resource stops it
        // (a fast shutdown: open sessions are closed, not waited for).
        IResourceBuilder<ExecutableResource> postgres = builder.AddExecutable("postgres", "bash", repository,
                "scripts/postgres.sh", "run", "--dir", directory, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithEnvironment("AITHENA_POSTGRES_USER", user)
            .WithEnvironment("AITHENA_POSTGRES_PASSWORD", password)
            .WithEndpoint(name: "tcp", port: port, targetPort: port, scheme: "tcp", isProxied: false);

        var endpoint = postgres.GetEndpoint("tcp");
        var connectionString = ReferenceExpression.Create(
            $"Host={endpoint.Property(EndpointProperty.Host)};Port={endpoint.Property(EndpointProperty.Port)};Database={LocalDatabase};Username={user};Password={password}");

        // Healthy once the server accepts this login on the catalog's database, so WaitFor means "ready for the services".
        var healthCheck = $"{postgres.Resource.Name}-login";
        builder.Services.AddHealthChecks().AddNpgSql(
            _ => connectionString.GetValueAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult()!, name: healthCheck);
        postgres.WithHealthCheck(healthCheck);

        return builder.AddConnectionString(ResourceName, connectionString).WaitFor(postgres);
    }
}
