using System.Text.Json;

namespace Aithena.Web.Api;

/// <summary>A service's <c>/health/detail</c> report (status, and each check with its description and data).</summary>
public sealed record ServiceHealthReport(string Status, Dictionary<string, ServiceHealthCheck>? Checks);
