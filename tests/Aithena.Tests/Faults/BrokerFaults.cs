namespace Aithena.Tests.Faults;

/// <summary>
/// The fault suites stop and restart brokers under a stream of uploads: they run alone, after the rest of the suite,
/// so that their deadlines measure recovery, not two cores shared with three hundred other tests.
/// </summary>
[CollectionDefinition(nameof(BrokerFaults), DisableParallelization = true)]
public sealed class BrokerFaults;
