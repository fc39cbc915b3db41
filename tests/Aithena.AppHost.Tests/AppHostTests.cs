using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Aithena.Api.Documents;
using Aithena.Api.Upload;
using Aithena.Catalog;
using Aithena.Testing;
using Aspire.Hosting.Testing;

namespace Aithena.AppHost.Tests;

/// <summary>
/// `dotnet run` on the AppHost, as a user gets it: the broker, every service and the dashboard, sharing one start.
/// The last step stops the app and looks for anything it left running.
/// </summary>
[TestCaseOrderer(typeof(StepOrderer))]
public sealed partial class AppHostTests(AppHostFixture app) : IClassFixture<AppHostFixture>
{
    private static readonly TimeSpan IndexingTimeout = TimeSpan.FromMinutes(2);

    [Fact, Step(1)]
    public async Task The_broker_and_every_service_become_healthy()
    {
        foreach (var resource in new[] { "rabbitmq", "api", "indexer", "embedder", "lister" })
        {
            await app.WaitHealthyAsync(resource);
        }

        using var http = await app.AdminApiClientAsync();
        using var health = await http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var report = await health.Content.ReadAsStringAsync();
        Assert.DoesNotContain(app.BrokerPassword, report, StringComparison.Ordinal);

        // The AppHost, not the broker's script, sets the crash-loop policy once the broker is ready (as it does for a
        // container broker, which no script starts).
        using var management = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{app.BrokerManagementPort}/api/") };
        management.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"aithena:{app.BrokerPassword}")));
        var policies = await Eventually.Until(
            async () => await management.GetFromJsonAsync<List<BrokerPolicy>>("policies/aithena") ?? [],
            found => found.Count >= 2, TimeSpan.FromSeconds(30), "the AppHost to set the crash-loop policies");
        foreach (var queue in new[] { "index-document", "embed-document" })
        {
            var policy = Assert.Single(policies, p => p.Name == $"aithena-{queue}");
            Assert.Equal($"^{queue}$", policy.Pattern);
            Assert.Equal(10, policy.Definition["delivery-limit"].GetInt32());
            Assert.Equal($"{queue}_crashed", policy.Definition["dead-letter-routing-key"].GetString());
        }

        // The web app's read-only user for the status page's queue figures: the monitoring tag, and permissions that
        // match no exchange or queue.
        var monitor = await Eventually.Until(
            async () => await management.GetFromJsonAsync<System.Text.Json.JsonElement?>("users/aithena-monitor"),
            found => found is not null, TimeSpan.FromSeconds(30), "the AppHost to create the monitoring user");
        Assert.Contains("monitoring", monitor!.Value.GetProperty("tags").ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("administrator", monitor.Value.GetProperty("tags").ToString(), StringComparison.Ordinal);
        var permissions = await Eventually.Until(
            async () => await management.GetFromJsonAsync<System.Text.Json.JsonElement>("users/aithena-monitor/permissions"),
            found => found.GetArrayLength() > 0, TimeSpan.FromSeconds(30), "the monitoring user's permissions");
        var permission = Assert.Single(permissions.EnumerateArray());
        Assert.Equal("aithena", permission.GetProperty("vhost").GetString());
        Assert.All(new[] { "configure", "write", "read" }, kind => Assert.Equal("^$", permission.GetProperty(kind).GetString()));
    }

    [Fact, Step(2)]
    public async Task An_upload_through_the_api_is_indexed_searchable_and_one_trace_in_the_dashboard()
    {
        await app.WaitHealthyAsync("api");
        await app.WaitHealthyAsync("indexer");
        using var http = await app.AdminApiClientAsync();

        // Our own trace id on the request, so the dashboard's trace can be looked up by it.
        var trace = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/upload") { Content = PdfForm(TestPdf.WithPages("Aspire front door", "a wombat on page two")) };
        request.Headers.Add("traceparent", $"00-{trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var upload = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        var accepted = await upload.Content.ReadFromJsonAsync<UploadAccepted>();
        Assert.NotNull(accepted);

        var document = await Eventually.Until(
            () => http.GetFromJsonAsync<DocumentResponse>($"/v1/documents/{accepted.UploadId}"),
            d => d?.Status is "indexed" or "failed", IndexingTimeout, "the uploaded document to be indexed");
        Assert.Equal("indexed", document!.Status);

        var found = await http.GetFromJsonAsync<SearchResults>("/v1/search?q=wombat");
        var hit = Assert.Single(found!.Results);
        Assert.Equal(accepted.UploadId, hit.Id);
        Assert.Equal(2, Assert.Single(hit.Snippets).Page);

        using var dashboard = new DashboardTelemetry(app.DashboardUrl, app.DashboardApiKey);
        var spans = await Eventually.Until(
            () => dashboard.TraceAsync(trace.ToHexString()),
            t => DashboardTelemetry.ServicesWithSpans(t).IsSupersetOf(["api", "indexer"]), TimeSpan.FromSeconds(60),
            "one trace in the dashboard spanning the Api's upload and the Indexer's work");
        Assert.Contains(DashboardTelemetry.SpanNames(spans), name => name.Contains("catalog", StringComparison.OrdinalIgnoreCase));

        // The structured logs of both services, found by the same trace, carry the document's id.
        var logs = await Eventually.Until(
            () => dashboard.TraceLogsAsync(trace.ToHexString()),
            l => DashboardTelemetry.ServicesWithLogs(l).IsSupersetOf(["api", "indexer"]), TimeSpan.FromSeconds(60),
            "structured logs of the Api and the Indexer for the document's trace");
        Assert.Contains(accepted.UploadId, logs.ToString(), StringComparison.Ordinal);
    }

    [Fact, Step(3)]
    public async Task The_dashboard_lists_every_service_with_its_logs_traces_and_metrics()
    {
        await app.WaitHealthyAsync("lister");
        using var dashboard = new DashboardTelemetry(app.DashboardUrl, app.DashboardApiKey);
        string[] services = ["api", "indexer", "embedder", "lister"];

        var resources = await Eventually.Until(dashboard.ResourcesAsync,
            r => services.All(name => r.EnumerateArray().Any(resource => resource.GetProperty("name").GetString() == name
                && resource.GetProperty("hasLogs").GetBoolean() && resource.GetProperty("hasMetrics").GetBoolean())),
            TimeSpan.FromSeconds(90), "the dashboard to hold logs and metrics of the api, indexer, embedder and lister");
        Assert.DoesNotContain(app.BrokerPassword, resources.ToString(), StringComparison.Ordinal);
    }

    // The last step: the web app's steps (WebTests.cs) come before it.
    [Fact, Step(9)]
    public async Task Stopping_the_apphost_stops_the_broker_and_every_service_and_leaves_no_process()
    {
        await app.WaitHealthyAsync("rabbitmq");
        Assert.NotEmpty(LeftoverProcesses.Find(app.Root, app.AppHostProcessId));

        await app.StopAsync();

        await Eventually.Until(() => Task.FromResult(LeftoverProcesses.Find(app.Root, app.AppHostProcessId)), left => left.Count == 0,
            TimeSpan.FromSeconds(60), "every process of the app to exit");
        Assert.False(PortAnswers(app.BrokerPort), "the broker's AMQP port still answers");
    }

    internal static MultipartFormDataContent PdfForm(byte[] pdf)
    {
        var file = new ByteArrayContent(pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        return new MultipartFormDataContent { { file, "file", $"apphost-{Guid.NewGuid():N}.pdf" } };
    }

    private static bool PortAnswers(int port)
    {
        try
        {
            using var client = new System.Net.Sockets.TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }
}
