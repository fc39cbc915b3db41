using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;

namespace Aithena.AppHost.Messaging;

public static class MessagingResourceExtensions
{
    public const string ResourceName = "messaging";

    /// <summary>The web app's <c>ConnectionStrings__messaging-management</c>.</summary>
    public const string ManagementResourceName = "messaging-management";

    /// <summary>The virtual host of the local broker: scripts/broker.sh creates it with quorum as its default queue type.</summary>
    private const string LocalVirtualHost = "aithena";

    /// <summary>
    /// The broker and the <c>messaging</c> connection string every service references. Credentials are the explicit
    /// <c>rabbit-user</c> and secret <c>rabbit-password</c> parameters; the password, when not given, is generated once
    /// and kept in the AppHost's user secrets, because the broker's data outlives a run and keeps the user it was made
    /// with. Publishing always describes the container. The web app's read-only user is <c>rabbit-monitor-user</c> with
    /// the secret <c>rabbit-monitor-password</c> (generated and kept likewise).
    /// </summary>
    public static AithenaMessaging AddAithenaMessaging(this IDistributedApplicationBuilder builder)
    {
        var user = builder.AddParameter("rabbit-user");
        var password = builder.AddParameter("rabbit-password", new GenerateParameterDefault { MinLength = 24, Special = false },
            secret: true, persist: true);
        var monitor = new BrokerUser(builder.AddParameter("rabbit-monitor-user"),
            builder.AddParameter("rabbit-monitor-password", new GenerateParameterDefault { MinLength = 24, Special = false }, secret: true, persist: true));

        var mode = builder.ExecutionContext.IsPublishMode
            ? BrokerMode.Container
            : builder.Configuration.GetValue("Aithena:Broker", BrokerMode.Container);

        return mode == BrokerMode.Container
            ? builder.AddContainerBroker(user, password, monitor)
            : builder.AddLocalBroker(user, password, monitor);
    }

    private sealed record BrokerUser(IResourceBuilder<ParameterResource> Name, IResourceBuilder<ParameterResource> Password);

    /// <summary><c>http://monitor:password@host:port/vhost</c>: the management API as the web app's read-only user.</summary>
    private static IResourceBuilder<IResourceWithConnectionString> AddManagementConnection(this IDistributedApplicationBuilder builder,
        EndpointReference management, BrokerUser monitor, string escapedVirtualHost) =>
        builder.AddConnectionString(ManagementResourceName, ReferenceExpression.Create(
            $"http://{monitor.Name.Resource:uri}:{monitor.Password.Resource:uri}@{management.Property(EndpointProperty.HostAndPort)}/{escapedVirtualHost}"));

    private static AithenaMessaging AddContainerBroker(this IDistributedApplicationBuilder builder,
        IResourceBuilder<ParameterResource> user, IResourceBuilder<ParameterResource> password, BrokerUser monitor)
    {
        var broker = builder.AddRabbitMQ(ResourceName, user, password).WithManagementPlugin();
        var management = broker.GetEndpoint("management");
        // The container's vhost is the default one, "/", written %2F in the address.
        return new AithenaMessaging(broker
            .WithCrashLoopPolicy(management, user, password, virtualHost: "/")
            .WithMonitoringUser(management, user, password, monitor.Name, monitor.Password, virtualHost: "/")
            .WithDataVolume("aithena-rabbitmq-data")
            .WithLifetime(ContainerLifetime.Persistent)
            // MassTransit senders declare their `queue:` destinations without arguments, so quorum must be the
            // broker's default queue type. An environment variable is carried by the manifest (container files are
            // not); RabbitMQ's `default_queue_type = quorum` is this application setting.
            .WithEnvironment("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-rabbit default_queue_type rabbit_quorum_queue"),
            builder.AddManagementConnection(management, monitor, "%2F"));
    }

    private static AithenaMessaging AddLocalBroker(this IDistributedApplicationBuilder builder,
        IResourceBuilder<ParameterResource> user, IResourceBuilder<ParameterResource> password, BrokerUser monitor)
    {
        var settings = builder.Configuration.GetSection("Aithena:LocalBroker");
        var port = settings.GetValue("Port", 5682);
        var managementPort = settings.GetValue("ManagementPort", 15682);
        var directory = Path.GetFullPath(settings["Directory"] ?? "../.aithena/apphost-broker", builder.AppHostDirectory);
        var repository = Path.GetFullPath("..", builder.AppHostDirectory);

        // The script keeps the broker and its epmd in the foreground as its own children, so DCP owns the whole
        // process group and stopping the resource leaves nothing running.
        IResourceBuilder<ExecutableResource> broker = builder.AddExecutable("rabbitmq", "bash", repository,
                "scripts/broker.sh", "run", "--dir", directory, "--port", port.ToString(), "--management-port", managementPort.ToString())
            .WithEnvironment("AITHENA_BROKER_USER", user)
            .WithEnvironment("AITHENA_BROKER_PASSWORD", password)
            .WithEndpoint(name: "amqp", port: port, targetPort: port, scheme: "amqp", isProxied: false)
            .WithHttpEndpoint(name: "management", port: managementPort, targetPort: managementPort, isProxied: false);

        var connectionString = ReferenceExpression.Create(
            $"amqp://{user.Resource:uri}:{password.Resource:uri}@{broker.GetEndpoint("amqp").Property(EndpointProperty.HostAndPort)}/{LocalVirtualHost}");

        // Healthy only once the broker accepts this login on its virtual host, so WaitFor means "ready for the
        // services", not merely "the process started". One connection, reused by every check.
        var healthCheck = $"{broker.Resource.Name}-amqp-login";
        IConnection? connection = null;
        builder.Services.AddHealthChecks().AddRabbitMQ(async _ =>
        {
            if (connection is { IsOpen: true })
            {
                return connection;
            }

            var uri = await connectionString.GetValueAsync(CancellationToken.None);
            // Bounded: an attempt made while scripts/broker.sh is still creating the vhost and its permissions was
            // seen to never return on a loaded machine, and the check is not called again while one is pending.
            using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            return connection = await new ConnectionFactory { Uri = new Uri(uri!), ClientProvidedName = "aspire-health-check" }
                .CreateConnectionAsync(attempt.Token);
        }, healthCheck, timeout: TimeSpan.FromSeconds(15));
        var management = broker.GetEndpoint("management");
        broker.WithHealthCheck(healthCheck)
            .WithCrashLoopPolicy(management, user, password, LocalVirtualHost)
            .WithMonitoringUser(management, user, password, monitor.Name, monitor.Password, LocalVirtualHost);

        return new AithenaMessaging(builder.AddConnectionString(ResourceName, connectionString).WaitFor(broker),
            builder.AddManagementConnection(management, monitor, LocalVirtualHost));
    }
}
