using MassTransit;
using Polly;
using Polly.Registry;

namespace Aithena.Api.Messaging;

/// <summary>
/// Sends a command and returns only once the broker confirmed it, inside the upload's time budget:
/// retried with exponential backoff, and failing fast while the circuit is open (see <see cref="PublishPipeline"/>).
/// Uses the bus itself (a singleton) as the send endpoint provider: the process's one connection.
/// </summary>
public sealed class CommandPublisher(IBus bus, ResiliencePipelineProvider<string> pipelines)
{
    // Resolved once, here: the container builds a singleton once, while the registry may run its factory once per
    // concurrent first caller, and a circuit breaker's state provider can belong to one pipeline only.
    private readonly ResiliencePipeline _pipeline = pipelines.GetPipeline(PublishPipeline.Name);

    public async Task SendAsync<T>(Uri address, T command) where T : class
    {
        var pipeline = _pipeline;
        // Not the request's token: once a file is stored, the send must end in "confirmed" or "rolled back",
        // even if the client has gone. The pipeline's own timeout bounds it.
        await pipeline.ExecuteAsync(
            static async (state, token) =>
            {
                var endpoint = await state.sendEndpoints.GetSendEndpoint(state.address);
                await endpoint.Send(state.command, token);
            },
            (sendEndpoints: (ISendEndpointProvider)bus, address, command),
            CancellationToken.None);
    }
}
