namespace Aithena.AppHost.Messaging;

/// <summary>Where the broker comes from: the configuration key <c>Aithena:Broker</c>.</summary>
public enum BrokerMode
{
    /// <summary>RabbitMQ's container image, as on a developer machine with Docker and in every deployment.</summary>
    Container,

    /// <summary>Debian's rabbitmq-server run by <c>scripts/broker.sh run</c>, for machines without a container engine.</summary>
    Local,
}
