using Aithena.ServiceDefaults;
using Aithena.ServiceDefaults.Access;
using Aithena.ServiceDefaults.Health;
using Aithena.ServiceDefaults.Secrets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every Aithena service shares, after Aspire's service-defaults template: OpenTelemetry,
/// health checks, service discovery and HTTP resilience. The bus is added by <c>AddAithenaBus</c>.
/// </summary>
public static class Extensions
{
    public const string HealthEndpointPath = "/health";
    public const string AlivenessEndpointPath = "/alive";
    public const string HealthDetailEndpointPath = "/health/detail";

    /// <summary>
    /// A check tagged so runs for <c>/health/detail</c> only: figures for people (document counts, say), not readiness,
    /// which the probes ask for every few seconds and should not pay for.
    /// </summary>
    public const string DetailOnlyTag = "detail";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        // Read once here so that a misspelt value stops start-up with its message instead of failing a request later.
        AccessSettings.Anonymous(builder.Configuration);
        builder.Services.AddSecretSetting(AccessSettings.HealthKeyKey, SecretKind.Value);

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // Console lines carry the trace id (and the document id scope the services open), so one
        // document can be followed through the logs of every process without a collector.
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        builder.Logging.AddSimpleConsole(o =>
        {
            o.IncludeScopes = true;
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
            o.UseUtcTimestamp = true;
        });
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(AithenaTelemetry.MassTransitName, AithenaTelemetry.Name))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName, AithenaTelemetry.MassTransitName, AithenaTelemetry.Name)
                .AddAspNetCoreInstrumentation(t =>
                    // Health probes every few seconds would bury the traces that matter.
                    t.Filter = context =>
                        !context.Request.Path.StartsWithSegments(HealthEndpointPath)
                        && !context.Request.Path.StartsWithSegments(AlivenessEndpointPath))
                .AddHttpClientInstrumentation());

        builder.AddOpenTelemetryExporters();
        return builder;
    }

    private static TBuilder AddOpenTelemetryExporters<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // Aspire (or the run script) sets this when a collector or the dashboard is listening.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // "live": the process answers. Everything else (bus, catalog, circuit) says whether it is ready.
        builder.Services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), ["live"])
            // When this process started and whether it was restarted after a crash: the status page's figures only.
            .AddCheck<ProcessHealthCheck>("process", tags: [DetailOnlyTag]);
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }

    /// <summary>
    /// <c>/alive</c> is liveness (the process answers: restart it if not); <c>/health</c> is readiness (every check but
    /// the <see cref="DetailOnlyTag"/> ones:
    /// 503 only when one is Unhealthy, which a check reserves for "this instance cannot serve"; Degraded answers
    /// 200); both answer the status alone. <c>/health/detail</c> is the full report, for admins and holders of the
    /// health key only (<see cref="HealthDetailAccess"/>).
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains("live"),
            ResponseWriter = HealthReportWriter.WriteStatusAsync,
        });
        app.MapHealthChecks(HealthEndpointPath, new HealthCheckOptions
        {
            Predicate = registration => !registration.Tags.Contains(DetailOnlyTag),
            ResponseWriter = HealthReportWriter.WriteStatusAsync,
        });
        app.MapGet(HealthDetailEndpointPath, HealthDetailAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> HealthDetailAsync(HttpContext context, HealthCheckService health)
    {
        if (!HealthDetailAccess.IsAllowed(context))
        {
            // Checked before the checks run, so a caller without the right cannot make this instance query its dependencies.
            var signedIn = context.User.Identity?.IsAuthenticated == true;
            return TypedResults.Problem(
                $"The detailed health report is for admins; {HealthEndpointPath} gives the status.",
                statusCode: signedIn ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized,
                title: signedIn ? "Forbidden" : "Sign-in required");
        }

        var report = await health.CheckHealthAsync(context.RequestAborted);
        // The same status codes as /health, so the report and the probe never disagree.
        context.Response.StatusCode = report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        context.Response.Headers.CacheControl = "no-store, no-cache";
        await HealthReportWriter.WriteDetailAsync(context, report);
        return TypedResults.Empty;
    }
}
