namespace Aithena.Web.Api;

/// <summary>The Api could not be reached or did not answer in time: the page says so and offers to try again.</summary>
public sealed class ApiUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
