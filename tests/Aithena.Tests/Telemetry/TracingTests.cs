using System.Diagnostics;
using System.Net;
using Aithena.Lister.Scanning;
using Aithena.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Aithena.Tests.Telemetry;

/// <summary>One document can be followed through every process in a single trace, and in the logs by its ids.</summary>
public sealed class TracingTests(SharedBroker shared) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly List<Activity> _spans = [];
    private TestSystem _system = null!;

    public async ValueTask InitializeAsync() => _system = await TestSystem.CreateAsync(shared.Broker);

    public ValueTask DisposeAsync() => _system.DisposeAsync();

    private Task<ServiceHost> Start(Func<IDictionary<string, string?>, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>?, Task<ServiceHost>> start, bool export) =>
        // Activity listeners are process-wide: one exporter sees the spans of every host in this process.
        _system.StartAsync(start, export ? services => services.AddOpenTelemetry().WithTracing(t => t.AddInMemoryExporter(_spans)) : null,
            ("Lister:Interval", "1.00:00:00"));

    private List<Activity> SpansOf(ActivityTraceId trace)
    {
        lock (_spans)
        {
            return _spans.Where(s => s.TraceId == trace).ToList();
        }
    }

    private static bool Descends(Activity span, Activity ancestor, IReadOnlyList<Activity> trace)
    {
        for (var current = span; current is not null; current = trace.FirstOrDefault(s => s.SpanId == current.ParentSpanId))
        {
            if (current.ParentSpanId == ancestor.SpanId)
            {
                return true;
            }
        }

        return false;
    }

    [Fact]
    public async Task Upload_send_consume_and_catalog_write_share_one_trace_with_parent_links()
    {
        var api = await Start(ServiceHost.StartApiAsync, export: true);
        var indexer = await Start(ServiceHost.StartIndexerAsync, export: false);
        using var response = await api.Http.UploadAsync(TestPdf.WithPages("traced words"), "traced.pdf");
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = await response.UploadIdAsync();
        await api.Http.WaitForStatusAsync(id, Timeout, "indexed");

        // The trace the upload request started, as the Api's own log line reports it.
        var accepted = Assert.Single(api.Logs.Lines(), l => l.Contains("Upload accepted: uploads/traced.pdf", StringComparison.Ordinal));
        var trace = ActivityTraceId.CreateFromString(System.Text.RegularExpressions.Regex.Match(accepted, "TraceId:([0-9a-f]{32})").Groups[1].Value);

        // A span is exported when it ends: MassTransit's receive and consume spans end after the catalog write inside
        // them (and after the cover is drawn), so the wait is for those two as well.
        var spans = await Eventually.Until(() => Task.FromResult(SpansOf(trace)),
            s => s.FirstOrDefault(x => x.DisplayName == "catalog write") is { } written
                 && s.Count(x => x.Source.Name == "MassTransit" && x.Kind == ActivityKind.Consumer && Descends(written, x, s)) >= 2,
            Timeout, "the catalog write span and the receive and consume around it");
        var upload = Assert.Single(spans, s => s.Kind == ActivityKind.Server && s.DisplayName.Contains("/v1/upload", StringComparison.Ordinal));
        var send = spans.First(s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Producer && s.DisplayName.Contains("index-document", StringComparison.Ordinal));
        // MassTransit reports a receive span and a consume span below it; both are Consumer spans. The trace goes on
        // into the embedding of the document (embed-document), which is not what this test is about.
        var consumes = spans.Where(s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Consumer
                                        && !s.DisplayName.Contains("embed", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.NotEmpty(consumes);
        var write = Assert.Single(spans, s => s.DisplayName == "catalog write");

        Assert.True(Descends(send, upload, spans), "the send is part of the upload request");
        Assert.All(consumes, consume => Assert.True(Descends(consume, send, spans), "the Indexer's consume continues the send"));
        Assert.All(consumes, consume => Assert.True(Descends(write, consume, spans), "the catalog write happens inside the consume"));
        Assert.Equal(id, write.GetTagItem("aithena.document.id"));

        // Every log line about the document carries its id and the same trace id, in both services.
        Assert.Contains(api.Logs.Lines(), l => l.Contains("Upload accepted", StringComparison.Ordinal) && l.Contains(trace.ToString(), StringComparison.Ordinal) && l.Contains(id, StringComparison.Ordinal));
        Assert.Contains(indexer.Logs.Lines(), l => l.Contains("Indexed uploads/traced.pdf", StringComparison.Ordinal) && l.Contains(trace.ToString(), StringComparison.Ordinal) && l.Contains(id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_search_from_the_web_page_and_the_apis_search_continue_the_callers_trace()
    {
        var api = await Start(ServiceHost.StartApiAsync, export: true);
        // The web app as a real process, finding the Api by service discovery as under Aspire: the trace context can
        // only reach the Api through the traceparent header of the web app's own request.
        await using var web = ServiceProcess.Start("Aithena.Web", new Dictionary<string, string> { ["services__api__http__0"] = api.BaseAddress.ToString(), ["Access__Anonymous"] = "Full" });
        await web.WaitHealthyAsync();

        var trace = ActivityTraceId.CreateRandom();
        var caller = ActivitySpanId.CreateRandom();
        // A client that sends the traceparent below as it is: this process's own HttpClient instrumentation would
        // otherwise replace it with a trace of its own.
        using var browser = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { BaseAddress = web.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/?q=traced&mode=keyword");
        request.Headers.Add("traceparent", $"00-{trace.ToHexString()}-{caller.ToHexString()}-01");
        using var page = await browser.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("No documents match", await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        var spans = await Eventually.Until(() => Task.FromResult(SpansOf(trace)),
            s => s.Any(x => x.Kind == ActivityKind.Server && x.DisplayName.Contains("/v1/search", StringComparison.Ordinal)), Timeout,
            "the Api's search request in the trace the page was asked in");
        var search = Assert.Single(spans, s => s.Kind == ActivityKind.Server);
        // The Api's request is a child of the web app's outgoing call, a span of the other process: not of the caller.
        Assert.NotEqual(default, search.ParentSpanId);
        Assert.NotEqual(caller, search.ParentSpanId);
        Assert.DoesNotContain(spans, s => s.SpanId == search.ParentSpanId);
    }

    [Fact]
    public async Task The_lister_starts_a_trace_of_its_own_for_each_file_it_queues()
    {
        var lister = await Start(ServiceHost.StartListerAsync, export: true);
        var status = lister.Services.GetRequiredService<ScanStatus>();
        await Eventually.Until(() => status.Completed >= 1, Timeout, "the start-up scan of the empty library");
        _system.Library.Write("a/one.pdf", [1]);
        _system.Library.Write("b/two.pdf", [2]);

        var result = await lister.Services.GetRequiredService<LibrarySync>().RunAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, result.Queued);

        List<Activity> files;
        lock (_spans)
        {
            files = _spans.Where(s => s.DisplayName == "queue file" && s.GetTagItem("aithena.document.path") is "a/one.pdf" or "b/two.pdf").ToList();
        }

        Assert.Equal(2, files.Count);
        Assert.NotEqual(files[0].TraceId, files[1].TraceId);
        Assert.All(files, f => Assert.Equal(default, f.ParentSpanId));
        Assert.All(files, f => Assert.Contains(SpansOf(f.TraceId), s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Producer && s.ParentSpanId == f.SpanId));
    }
}
