using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Aithena.Api.Upload;
using Aithena.Catalog;
using Aithena.Contracts;
using Aithena.Lister.Scanning;
using Aithena.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Aithena.Tests.Faults;

/// <summary>A broker of these tests' own, stopped and started under the services' feet.</summary>
[Collection(nameof(BrokerFaults))]
public sealed class BrokerOutageTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    // A broker of its own: these tests stop it.
    private readonly PrivateBroker _broker = new();
    private TestSystem _system = null!;

    private string _vhost => _system.VirtualHost;
    private TestLibrary _library => _system.Library;

    public async ValueTask InitializeAsync()
    {
        await _broker.InitializeAsync();
        _system = await TestSystem.CreateAsync(_broker);
    }

    public async ValueTask DisposeAsync()
    {
        await _broker.StartAsync(); // whatever a test left stopped, so the services can stop cleanly
        await _system.DisposeAsync();
        await _broker.DisposeAsync();
    }

    private Task<ServiceHost> Start(Func<IDictionary<string, string?>, Action<IServiceCollection>?, Task<ServiceHost>> start, params (string, string?)[] extra) =>
        _system.StartAsync(start, customize: null, extra);

    [Fact]
    public async Task With_the_broker_down_uploads_fail_fast_with_502_and_leave_nothing_then_recover_without_a_restart()
    {
        var api = await Start(ServiceHost.StartApiAsync, ("Upload:PublishTimeout", "00:00:02"), ("Upload:CircuitBreakerFailures", "3"),
            ("Upload:CircuitBreakDuration", "00:00:03"));
        string beforeId;
        using (var before = await api.Http.UploadAsync(TestPdf.WithPages("before the outage"), "before.pdf"))
        {
            Assert.Equal(HttpStatusCode.Accepted, before.StatusCode);
            beforeId = (await before.Content.ReadFromJsonAsync<UploadAccepted>())!.UploadId;
        }

        await _broker.StopAsync();

        var clock = Stopwatch.StartNew();
        using (var during = await api.Http.UploadAsync(TestPdf.WithPages("during the outage"), "during.pdf"))
        {
            var elapsed = clock.Elapsed;
            var problem = await during.AssertProblemAsync(502);
            Assert.Equal("Message queue unavailable", problem.Title);
            Assert.True(elapsed < TimeSpan.FromSeconds(2) + TimeSpan.FromSeconds(1.5), $"took {elapsed}");
        }

        Assert.Equal(["uploads/before.pdf"], _library.AllFiles());
        Assert.Equal(1, (await api.Http.GetAsync<DocumentPage>("/v1/documents")).Total);

        // The circuit opens after consecutive failures; from then on an upload is refused at once, with Retry-After.
        var open = await Eventually.Until(async () =>
        {
            var pdf = TestPdf.WithPages($"refused {Guid.NewGuid()}");
            var started = Stopwatch.StartNew();
            var response = await api.Http.UploadAsync(pdf, "refused.pdf");
            return (response, started.Elapsed);
        }, r => r.response.Headers.RetryAfter is not null, Timeout, "the circuit to open");
        await open.response.AssertProblemAsync(502);
        // Well under the 2 s budget a send would wait: the open circuit answers without trying the broker.
        Assert.True(open.Elapsed < TimeSpan.FromSeconds(1.5), $"an open circuit answered in {open.Elapsed}");
        Assert.Equal(["uploads/before.pdf"], _library.AllFiles());

        // Only uploads need the broker: the instance stays ready (Degraded answers 200) and search still works, so
        // neither the AppHost's probe nor a load balancer takes it out.
        using (var ready = await api.Http.GetAsync("/health"))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Equal("Degraded", (await ready.ReadAsync<HealthStatusResponse>()).Status);
        }

        using (var detail = await api.Http.GetAsync("/health/detail"))
        {
            Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
            var checks = (await detail.ReadAsync<HealthDetailResponse>()).Checks;
            Assert.Equal("Degraded", checks["publish-circuit"].Status);
            Assert.Equal("Open", checks["publish-circuit"].Data["state"].ToString());
            // MassTransit's own check may still read Healthy while it reconnects; whatever it says, never Unhealthy here.
            Assert.NotEqual("Unhealthy", checks["masstransit-bus"].Status);
            Assert.Equal("Healthy", checks["catalog"].Status);
            Assert.DoesNotContain(_broker.AdminPassword, await detail.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var search = await api.Http.GetAsync("/v1/search?q=before"))
        {
            Assert.Equal(HttpStatusCode.OK, search.StatusCode);
            Assert.NotNull(await search.Content.ReadFromJsonAsync<SearchResults>());
        }

        using (var download = await api.Http.GetAsync($"/v1/documents/{beforeId}/file"))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        }

        await _broker.StartAsync();
        var back = Stopwatch.StartNew();
        var recovered = await Eventually.Until(
            async () => await api.Http.UploadAsync(TestPdf.WithPages($"after {Guid.NewGuid()}"), "after.pdf"),
            r => r.StatusCode == HttpStatusCode.Accepted, Timeout, "uploads to succeed again", TimeSpan.FromMilliseconds(500));
        TestContext.Current.TestOutputHelper?.WriteLine($"uploads accepted again {back.Elapsed.TotalSeconds:F1} s after the broker was back");
        Assert.Contains("uploads/after.pdf", _library.AllFiles());
        await Eventually.Until(async () => (await api.Http.GetAsync<HealthDetailResponse>("/health/detail")).Status == "Healthy",
            Timeout, "the Api to be healthy again");
        Assert.DoesNotContain(_broker.AdminPassword, api.Logs.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Files_a_scan_could_not_queue_while_the_broker_was_down_are_queued_exactly_once_after_it_returns()
    {
        var lister = await Start(ServiceHost.StartListerAsync, ("Lister:Interval", "00:00:00.500"), ("Lister:SendTimeout", "00:00:01"));
        var status = lister.Services.GetRequiredService<ScanStatus>();
        await Eventually.Until(() => status.Completed >= 1, Timeout, "the first scan");

        for (var i = 0; i < 50; i++)
        {
            _library.Write($"early/{i}.pdf", [(byte)'%', (byte)i]);
        }

        await Eventually.Until(() => status.Last?.Queued == 50, Timeout, "the first files to be queued");
        await _broker.StopAsync();
        for (var i = 0; i < 50; i++)
        {
            _library.Write($"late/{i}.pdf", [(byte)'%', (byte)i]);
        }

        await Eventually.Until(() => lister.Logs.Lines().Any(l => l.Contains("broker is unavailable", StringComparison.Ordinal)), Timeout, "the scan's warning");
        Assert.Equal("Degraded", (await lister.Http.GetAsync<HealthDetailResponse>("/health/detail")).Checks["library-scan"].Status);

        await _broker.StartAsync();
        await Eventually.Until(() => status.Last is { Complete: true, Pending: 0 } && status.LastError is null, Timeout, "a complete scan");

        var paths = (await _broker.PeekAsync(_vhost, QueueNames.IndexDocument)).Select(m => m.MessageAs<IndexDocument>().Path!).ToList();
        var expected = Enumerable.Range(0, 50).SelectMany(i => new[] { $"early/{i}.pdf", $"late/{i}.pdf" }).Order().ToList();
        Assert.Equal(expected, paths.Order().ToList());
    }
}
