using Aithena.ServiceDefaults.Secrets;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aithena.ServiceDefaults.Health;

/// <summary>
/// Writes a health report as JSON: the status alone for probes, or the detail naming each check, its status,
/// description and data. Exceptions are left out (their text is for logs), and the detailed body passes the
/// secret redactor on its way out.
/// </summary>
public static class HealthReportWriter
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Only the overall status: all a probe needs, and nothing about the dependencies behind it.</summary>
    public static Task WriteStatusAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new HealthStatusResponse(report.Status.ToString()), JsonOptions));
    }

    public static Task WriteDetailAsync(HttpContext context, HealthReport report)
    {
        var redactor = context.RequestServices.GetService<SecretRedactor>() ?? SecretRedactor.None;
        var body = new HealthDetailResponse(
            report.Status.ToString(),
            Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            report.Entries.ToDictionary(
                e => e.Key,
                e => new HealthCheckResponse(
                    e.Value.Status.ToString(),
                    e.Value.Description,
                    Math.Round(e.Value.Duration.TotalMilliseconds, 1),
                    e.Value.Tags,
                    e.Value.Data)));
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(redactor.Redact(JsonSerializer.Serialize(body, JsonOptions))!);
    }
}
