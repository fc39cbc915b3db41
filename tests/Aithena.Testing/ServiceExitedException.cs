namespace Aithena.Testing;

/// <summary>A service process ended while something waited for it to become ready; its output says why.</summary>
public sealed class ServiceExitedException(string message) : WaitAbandonedException(message);
