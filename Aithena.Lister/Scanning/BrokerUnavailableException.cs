namespace Aithena.Lister.Scanning;

/// <summary>The broker did not confirm a send in time; the scan stops and the next one picks up what is left.</summary>
public sealed class BrokerUnavailableException(Exception inner)
    : Exception(inner is OperationCanceledException ? "no confirmation within Lister:SendTimeout" : inner.GetType().Name, inner);
