using System.Security.Authentication;
using Aithena.ServiceDefaults.Messaging;
using Aithena.ServiceDefaults.Secrets;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.Hosting;

public static class BusExtensions
{
    public const string BusHealthCheckName = "masstransit-bus";

    /// <summary>
    /// MassTransit over RabbitMQ, the same in every service: one bus (so one AMQP connection) per process,
    /// credentials from <c>ConnectionStrings:messaging</c> checked before anything starts, publisher confirms on,
    /// start-up waiting for the broker within a bounded time, and a bounded stop that finishes or hands back
    /// the message in flight. <paramref name="configure"/> adds the service's consumers. <paramref name="brokerDownStatus"/>
    /// is what the <c>masstransit-bus</c> check reports while the bus is not connected: Unhealthy where the service can do
    /// nothing without the broker, Degraded where it still serves other work (the Api's search and downloads).
    /// </summary>
    /// <param name="startAfterHost">
    /// For a service that consumes: start the bus only once the rest of the host (the web server included) has
    /// started, so a host that fails to start takes no message (<see cref="BusAfterStartupHostedService"/>). Senders
    /// keep the default: their own hosted services (the Lister's first scan) send as soon as they start.
    /// </param>
    public static TBuilder AddAithenaBus<TBuilder>(this TBuilder builder, Action<IBusRegistrationConfigurator>? configure = null,
        HealthStatus brokerDownStatus = HealthStatus.Unhealthy, bool startAfterHost = false)
        where TBuilder : IHostApplicationBuilder
    {
        var services = builder.Services;
        services.AddOptions<BrokerConnectionOptions>().BindConfiguration("ConnectionStrings").ValidateOnStart();
        services.AddSingleton<IValidateOptions<BrokerConnectionOptions>, BrokerConnectionOptionsValidator>();
        services.AddOptions<MessagingOptions>().BindConfiguration(MessagingOptions.SectionName)
            .Validate(o => o.StartTimeout > TimeSpan.Zero && o.StopTimeout > TimeSpan.Zero, "Messaging:StartTimeout and Messaging:StopTimeout must be positive.")
            .ValidateOnStart();
        services.AddSecretSetting(BrokerConnectionOptions.SettingName, SecretKind.AmqpAddress);

        services.AddOptions<MassTransitHostOptions>().Configure<IOptions<MessagingOptions>>((host, lifetime) =>
        {
            host.WaitUntilStarted = true;
            host.StartTimeout = lifetime.Value.StartTimeout;
            host.StopTimeout = lifetime.Value.StopTimeout;
            host.ConsumerStopTimeout = lifetime.Value.StopTimeout;
        });

        // The host must wait at least as long as the bus does, or it would cut the message in flight short.
        services.AddOptions<HostOptions>().Configure<IOptions<MessagingOptions>>((host, lifetime) =>
        {
            var needed = lifetime.Value.StopTimeout + TimeSpan.FromSeconds(5);
            if (host.ShutdownTimeout < needed)
            {
                host.ShutdownTimeout = needed;
            }
        });

        var connectionName = $"{builder.Environment.ApplicationName}@{Environment.MachineName}:{Environment.ProcessId}";
        services.AddMassTransit(bus =>
        {
            bus.DisableUsageTelemetry();
            bus.ConfigureHealthCheckOptions(health =>
            {
                health.Name = BusHealthCheckName;
                health.MinimalFailureStatus = brokerDownStatus;
                health.Tags.Add("ready");
                health.Tags.Add("masstransit");
            });
            configure?.Invoke(bus);
            bus.UsingRabbitMq((context, cfg) =>
            {
                var endpoint = context.GetRequiredService<IOptions<BrokerConnectionOptions>>().Value.Endpoint;
                cfg.Host(endpoint.Host, (ushort)endpoint.Port, endpoint.VirtualHost, connectionName, host =>
                {
                    host.Username(endpoint.UserName);
                    host.Password(endpoint.Password);
                    host.PublisherConfirmation = true;
                    host.Heartbeat(TimeSpan.FromSeconds(10));
                    host.RequestedConnectionTimeout(TimeSpan.FromSeconds(5));
                    if (endpoint.UseTls)
                    {
                        host.UseSsl(ssl =>
                        {
                            ssl.ServerName = endpoint.Host;
                            ssl.Protocol = SslProtocols.Tls12 | SslProtocols.Tls13;
                        });
                    }
                });
                cfg.ConfigureEndpoints(context);
            });
        });

        if (startAfterHost)
        {
            // In place of MassTransit's hosted service, at the same position (so it still stops after the web server).
            var index = services.IndexOf(services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(MassTransitHostedService)));
            services[index] = ServiceDescriptor.Singleton<IHostedService>(provider =>
                new BusAfterStartupHostedService(ActivatorUtilities.CreateInstance<MassTransitHostedService>(provider)));
        }

        return builder;
    }
}
