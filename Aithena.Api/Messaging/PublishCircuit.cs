using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;

namespace Aithena.Api.Messaging;

/// <summary>The publish circuit's state, for the health report and for <c>Retry-After</c>.</summary>
public sealed class PublishCircuit(IOptions<PublishOptions> options)
{
    public CircuitBreakerStateProvider StateProvider { get; } = new();

    public CircuitState State => StateProvider.CircuitState;

    public TimeSpan BreakDuration => options.Value.CircuitBreakDuration;
}
