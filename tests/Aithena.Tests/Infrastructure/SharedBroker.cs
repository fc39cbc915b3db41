[assembly: AssemblyFixture(typeof(Aithena.Tests.Infrastructure.SharedBroker))]

namespace Aithena.Tests.Infrastructure;

/// <summary>The broker most tests share, each on a vhost of its own. Tests that stop a broker start their own.</summary>
public sealed class SharedBroker : IAsyncLifetime
{
    public PrivateBroker Broker { get; } = new();

    public ValueTask InitializeAsync() => Broker.InitializeAsync();

    public ValueTask DisposeAsync() => Broker.DisposeAsync();
}
