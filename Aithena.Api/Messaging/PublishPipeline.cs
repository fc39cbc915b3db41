using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Aithena.Api.Messaging;

/// <summary>
/// The Polly pipeline every send goes through, outermost first:
/// the total budget (<see cref="PublishOptions.PublishTimeout"/>) → exponential retry → circuit breaker → per-attempt timeout.
/// MassTransit's send waits for a lost connection to come back, so only these timeouts bound it.
/// </summary>
public static class PublishPipeline
{
    public const string Name = "aithena-publish";

    public static IServiceCollection AddPublishPipeline(this IServiceCollection services)
    {
        services.AddOptions<PublishOptions>().BindConfiguration(PublishOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PublishCircuit>();
        services.AddSingleton<CommandPublisher>();
        services.AddResiliencePipeline(Name, (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<PublishOptions>>().Value;
            var circuit = context.ServiceProvider.GetRequiredService<PublishCircuit>();
            var attemptTimeout = TimeSpan.FromTicks(Math.Max(options.PublishTimeout.Ticks / 2, TimeSpan.FromMilliseconds(50).Ticks));
            pipeline
                .AddTimeout(options.PublishTimeout)
                .AddRetry(new RetryStrategyOptions
                {
                    // An open circuit means "fail now"; everything else is worth another try within the budget.
                    ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not BrokenCircuitException and not OperationCanceledException),
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromMilliseconds(100),
                    MaxDelay = TimeSpan.FromSeconds(1),
                    MaxRetryAttempts = int.MaxValue,
                })
                .AddCircuitBreaker(new CircuitBreakerStrategyOptions
                {
                    // Every send in the window failed, and there were at least this many: the broker is down.
                    FailureRatio = 1.0,
                    MinimumThroughput = options.CircuitBreakerFailures,
                    SamplingDuration = TimeSpan.FromSeconds(30),
                    BreakDuration = options.CircuitBreakDuration,
                    // Every failure counts, cancellations included: the only token here is the budget's, so a
                    // cancelled attempt is one the broker did not confirm in time. (Polly would count an unhandled
                    // outcome as a success and keep the circuit closed while the broker is down.)
                    ShouldHandle = new PredicateBuilder().Handle<Exception>(),
                    StateProvider = circuit.StateProvider,
                })
                .AddTimeout(attemptTimeout);
        });
        services.AddHealthChecks().AddCheck<PublishCircuitHealthCheck>("publish-circuit", tags: ["ready"]);
        return services;
    }
}
