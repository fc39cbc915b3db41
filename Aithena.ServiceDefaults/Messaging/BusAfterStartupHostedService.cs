using MassTransit;
using Microsoft.Extensions.Hosting;

namespace Aithena.ServiceDefaults.Messaging;

/// <summary>
/// MassTransit's own hosted service (its start and stop timeouts, WaitUntilStarted), started only once every other
/// hosted service has started, the web server included. A consumer's host that fails to start (its HTTP port already
/// in use, say) then never starts the bus, so it takes no message: WebApplication registers its server last, so
/// MassTransit would otherwise be consuming before Kestrel tried to bind, and the message in flight was faulted to the
/// error queue when the failed start stopped the bus. <see cref="IHostedLifecycleService.StartedAsync"/> runs after
/// all <see cref="IHostedService.StartAsync"/> calls succeeded, and a failure there still fails the host's start.
/// Stopping is unchanged: the bus stops where MassTransit's service stood, after the web server.
/// </summary>
internal sealed class BusAfterStartupHostedService(MassTransitHostedService bus) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => bus.StartAsync(cancellationToken);

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => bus.StopAsync(cancellationToken);

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
