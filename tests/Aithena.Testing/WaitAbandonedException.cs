namespace Aithena.Testing;

/// <summary>
/// Thrown by a probe of <see cref="Eventually"/> when the condition can no longer come true (the process it waits
/// for has exited, say): the wait ends at once instead of at its deadline.
/// </summary>
public class WaitAbandonedException(string message) : Exception(message);
