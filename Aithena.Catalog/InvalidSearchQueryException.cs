namespace Aithena.Catalog;

/// <summary>The query could not be run as written; the message says why, for a 400 answer.</summary>
public sealed class InvalidSearchQueryException(string message) : Exception(message);
