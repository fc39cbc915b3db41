var builder = DistributedApplication.CreateBuilder(args);

// Explicit broker credentials. A generated password would be new on every run, while the broker's data volume
// keeps the user it was first created with: the services would then be refused.
// Set them once: dotnet user-secrets set Parameters:rabbit-password <password> --project Aithena.AppHost
var rabbitUser = builder.AddParameter("rabbit-user");
var rabbitPassword = builder.AddParameter("rabbit-password", secret: true);

// The library folder the Api writes uploads to and the Lister scans, and the folder of the shared SQLite catalog.
var libraryPath = builder.AddParameter("library-path");
var dataPath = builder.AddParameter("data-path");
var catalog = ReferenceExpression.Create($"Data Source={dataPath}/catalog.db");

var messaging = builder.AddRabbitMQ("messaging", rabbitUser, rabbitPassword)
    .WithManagementPlugin()
    .WithDataVolume("aithena-rabbitmq-data")
    // MassTransit senders declare `queue:` destinations without arguments; with quorum as the broker's default queue
    // type those declarations create quorum queues (the same as scripts/broker.sh's vhost does).
    .WithContainerFiles("/etc/rabbitmq/conf.d", [new ContainerFile { Name = "90-aithena.conf", Contents = "default_queue_type = quorum\n" }])
    .WithLifetime(ContainerLifetime.Persistent);

// Each service gets ConnectionStrings__messaging (amqp://user:password@host:port) from WithReference, and
// OTEL_EXPORTER_OTLP_ENDPOINT for the dashboard from Aspire itself.
builder.AddProject<Projects.Aithena_Api>("api")
    .WithReplicas(2)
    .WithReference(messaging)
    .WaitFor(messaging)
    .WithEnvironment("Library__Path", libraryPath)
    .WithEnvironment("ConnectionStrings__catalog", catalog)
    .WithHttpHealthCheck("/health")
    .WithExternalHttpEndpoints();

builder.AddProject<Projects.Aithena_Indexer>("indexer")
    .WithReference(messaging)
    .WaitFor(messaging)
    .WithEnvironment("Library__Path", libraryPath)
    .WithEnvironment("ConnectionStrings__catalog", catalog)
    .WithHttpHealthCheck("/health");

// One Lister: it is the library's only publisher of changes (two would still give one index entry per file).
builder.AddProject<Projects.Aithena_Lister>("lister")
    .WithReference(messaging)
    .WaitFor(messaging)
    .WithEnvironment("Library__Path", libraryPath)
    .WithEnvironment("ConnectionStrings__catalog", catalog)
    .WithHttpHealthCheck("/health");

builder.Build().Run();
