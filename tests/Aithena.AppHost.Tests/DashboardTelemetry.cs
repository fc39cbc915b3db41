using System.Text.Json;

namespace Aithena.AppHost.Tests;

/// <summary>The Aspire dashboard's telemetry HTTP API (OTLP JSON), read with its API key.</summary>
public sealed class DashboardTelemetry(Uri dashboard, string apiKey) : IDisposable
{
    private readonly HttpClient _http = CreateClient(dashboard, apiKey);

    public Task<JsonElement> ResourcesAsync() => GetAsync("/api/telemetry/resources");

    public Task<JsonElement> TraceAsync(string traceId) => GetAsync($"/api/telemetry/traces/{traceId}");

    public Task<JsonElement> TraceLogsAsync(string traceId) => GetAsync($"/api/telemetry/logs?traceId={traceId}");

    /// <summary>The <c>service.name</c> of every resource that has a span in an OTLP JSON document.</summary>
    public static IReadOnlySet<string> ServicesWithSpans(JsonElement otlp) =>
        Collect(otlp, "resourceSpans", "scopeSpans", "spans");

    /// <summary>The <c>service.name</c> of every resource that has a log record in an OTLP JSON document.</summary>
    public static IReadOnlySet<string> ServicesWithLogs(JsonElement otlp) =>
        Collect(otlp, "resourceLogs", "scopeLogs", "logRecords");

    /// <summary>Every span name in an OTLP JSON document.</summary>
    public static IReadOnlyList<string> SpanNames(JsonElement otlp) =>
        Find(otlp, "resourceSpans")
            .SelectMany(r => Items(r, "scopeSpans"))
            .SelectMany(s => Items(s, "spans"))
            .Select(span => span.TryGetProperty("name", out var name) ? name.GetString() ?? "" : "")
            .ToList();

    public void Dispose() => _http.Dispose();

    private async Task<JsonElement> GetAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{path}: {(int)response.StatusCode} {body[..Math.Min(300, body.Length)]}");
        }

        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static HttpClient CreateClient(Uri dashboard, string apiKey)
    {
        var http = new HttpClient { BaseAddress = dashboard, Timeout = TimeSpan.FromSeconds(20) };
        http.DefaultRequestHeaders.Add("x-api-key", apiKey);
        return http;
    }

    private static HashSet<string> Collect(JsonElement otlp, string resources, string scopes, string records)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var resource in Find(otlp, resources))
        {
            if (Items(resource, scopes).Any(scope => Items(scope, records).Any()) && ServiceName(resource) is { } name)
            {
                names.Add(name);
            }
        }

        return names;
    }

    private static string? ServiceName(JsonElement resource) =>
        resource.TryGetProperty("resource", out var r) && r.TryGetProperty("attributes", out var attributes)
            ? attributes.EnumerateArray()
                .Where(a => a.GetProperty("key").GetString() == "service.name")
                .Select(a => a.GetProperty("value").GetProperty("stringValue").GetString())
                .FirstOrDefault()
            : null;

    /// <summary>The arrays named <paramref name="name"/> anywhere in the document (the API may wrap OTLP in an envelope).</summary>
    private static IEnumerable<JsonElement> Find(JsonElement element, string name)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.NameEquals(name) && property.Value.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in property.Value.EnumerateArray())
                    {
                        yield return item;
                    }
                }
                else
                {
                    foreach (var found in Find(property.Value, name))
                    {
                        yield return found;
                    }
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                foreach (var found in Find(item, name))
                {
                    yield return found;
                }
            }
        }
    }

    private static IEnumerable<JsonElement> Items(JsonElement element, string name) =>
        element.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array ? array.EnumerateArray() : [];
}
