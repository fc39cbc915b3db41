using MassTransit;

namespace Aithena.ServiceDefaults.Messaging;

/// <summary>
/// An endpoint that takes one message at a time per instance (prefetch 1, concurrency 1): nothing waits in a busy
/// worker's buffer while another is idle, and the service scales by running more instances (Indexers, Embedders).
/// Transient faults are retried with exponential backoff; the subclass says which faults are permanent and skip the
/// retries.
/// </summary>
public abstract class OneAtATimeConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    /// <summary>Retries after the first attempt, for transient faults only.</summary>
    public const int RetryLimit = 5;

    /// <param name="queue">The queue this endpoint consumes.</param>
    /// <param name="consumeTopology">
    /// False for a queue that only receives what the broker routes to it (dead-lettered messages): its message type's
    /// exchange is not bound to it, so a published message never lands there.
    /// </param>
    protected OneAtATimeConsumerDefinition(string queue, bool consumeTopology = true)
    {
        EndpointName = queue;
        ConcurrentMessageLimit = 1;
        Endpoint(endpoint =>
        {
            endpoint.Name = queue;
            endpoint.PrefetchCount = 1;
            endpoint.ConcurrentMessageLimit = 1;
            endpoint.ConfigureConsumeTopology = consumeTopology;
        });
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context)
    {
        // Set on the endpoint too: a definition that sets only the limit would get a prefetch above one.
        endpointConfigurator.PrefetchCount = 1;
        endpointConfigurator.ConcurrentMessageLimit = 1;
        endpointConfigurator.UseMessageRetry(retry =>
        {
            retry.Exponential(RetryLimit, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(400));
            IgnorePermanentFaults(retry);
        });
    }

    /// <summary>Exceptions no retry can fix: they go to the error queue at once.</summary>
    protected virtual void IgnorePermanentFaults(IRetryConfigurator retry)
    {
    }
}
