using MassTransit;

namespace Aithena.Ocr.Consumers;

/// <summary>
/// One message at a time per worker (prefetch 1, concurrency 1): OCR takes seconds a page, and a command waiting in a
/// busy worker's buffer while another worker is idle would be lost time; the stage scales by running more workers.
/// Transient faults (the catalog, the broker) are retried with exponential backoff; a page OCR cannot read is not an
/// exception here but a failed page.
/// </summary>
public abstract class OcrConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    /// <summary>Retries after the first attempt, for transient faults only.</summary>
    public const int RetryLimit = 5;

    /// <param name="queue">The queue this endpoint consumes.</param>
    /// <param name="consumeTopology">False for a queue that only receives what the broker dead-letters to it.</param>
    protected OcrConsumerDefinition(string queue, bool consumeTopology = true)
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
            retry.Ignore<PermanentOcrException>();
        });
    }
}
