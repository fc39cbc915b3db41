using Aithena.AppHost;
using Aithena.AppHost.Access;
using Aithena.AppHost.Catalog;
using Aithena.AppHost.Messaging;
using Aithena.AppHost.Restarts;
using Microsoft.Extensions.Configuration;

var builder = DistributedApplication.CreateBuilder(args);

// The broker: RabbitMQ in a container (Docker machines, and always in the published manifest), or Debian's
// rabbitmq-server run by scripts/broker.sh where no container engine exists. Either way the services receive
// ConnectionStrings__messaging from a resource named "messaging"; the web app gets ConnectionStrings__messaging-management
// (the management API with a read-only user) for its status page.
var messaging = builder.AddAithenaMessaging();

// The library folder the Api writes uploads to and the Lister scans.
var library = builder.AddFolderParameter("library-path");

// The catalog: PostgreSQL when published (services on several machines), SQLite in data-path by default when run here,
// PostgreSQL with Aithena:Catalog=postgres. Either way the services receive ConnectionStrings__catalog.
var catalog = builder.AddAithenaCatalog();

// Who may use it: the first administrator (user "admin", secret admin-password), the web tokens' signing key, the
// workers' health key, and Aithena:Anonymous (None by default: everyone signs in).
var access = builder.AddAithenaAccess();

var api = builder.AddProject<Projects.Aithena_Api>("api")
    .WithReplicas(builder.Configuration.GetValue("Aithena:ApiReplicas", 2))
    .WithAithenaService(messaging.Connection, library, catalog)
    .WithAithenaAccess(access)
    .WithAccountsAuthority(access)
    .WithExternalHttpEndpoints();

// Workers that die (a fatal runtime error, SIGKILL) are started again by the AppHost, with a cap on crash loops
// (Aithena:Restarts; docs/OPERATIONS.md, "Workers that die"); their held message is redelivered by the broker.
var indexer = builder.AddProject<Projects.Aithena_Indexer>("indexer")
    .WithAithenaService(messaging.Connection, library, catalog)
    .WithAithenaAccess(access)
    .WithRestartOnCrash();

// OCR of scanned pages: its own worker on its own queue (ocr-document), so a slow OCR backlog never holds up the
// Indexer; each replica reads one page at a time with one core, and more replicas (Aithena:OcrReplicas) use more cores.
var ocr = builder.AddProject<Projects.Aithena_Ocr>("ocr")
    .WithReplicas(builder.Configuration.GetValue("Aithena:OcrReplicas", 1))
    .WithAithenaService(messaging.Connection, library, catalog)
    .WithAithenaAccess(access)
    .WithRestartOnCrash();

// Embedders: the embedding model in processes of their own, so extraction and embedding scale and fail apart. Each takes
// one embed-document at a time; more replicas (Aithena:Embedders), or Embedders on other machines given the same
// messaging and catalog connection strings, embed more documents at once (docs/EMBEDDERS.md).
var embedder = builder.AddProject<Projects.Aithena_Embedder>("embedder")
    .WithReplicas(builder.Configuration.GetValue("Aithena:Embedders", 1))
    .WithAithenaService(messaging.Connection, library, catalog)
    .WithAithenaAccess(access)
    .WithRestartOnCrash();

// One Lister: it is the library's only publisher of changes (two would still give one index entry per file).
var lister = builder.AddProject<Projects.Aithena_Lister>("lister")
    .WithAithenaService(messaging.Connection, library, catalog)
    .WithAithenaAccess(access)
    .WithRestartOnCrash();

// The web page: people sign in here, and it calls the Api as the signed-in user; it reads every service's health (for
// admins), and the queues' figures from the broker's management API.
builder.AddProject<Projects.Aithena_Web>("web")
    .WithAithenaAccess(access)
    .WithKnownHosts(access)
    .WithReference(api)
    // Queue depths and consumers for the status page: read-only, never the services' broker credentials.
    .WithReference(messaging.Management)
    .WaitFor(api)
    .WithReference(indexer)
    .WithReference(ocr)
    .WithReference(embedder)
    .WithReference(lister)
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health");

builder.Build().Run();
