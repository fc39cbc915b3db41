using System.Text.Json;

namespace Aithena.Web.Api;

public sealed record ServiceHealthCheck(string Status, string? Description, Dictionary<string, JsonElement>? Data);
