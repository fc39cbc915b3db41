using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Aithena.Tests.Infrastructure;

namespace Aithena.Tests.Web;

/// <summary>
/// The status page's queue figures against a real broker: the web app as a real process reads the management API as
/// a monitoring user that may do nothing else, never with the services' credentials.
/// </summary>
public sealed class QueueFiguresTests(SharedBroker shared) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly string _monitor = "monitor-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _password = Guid.NewGuid().ToString("N");
    private TestSystem _system = null!;

    private PrivateBroker Broker => _system.Broker;

    public async ValueTask InitializeAsync()
    {
        _system = await TestSystem.CreateAsync(shared.Broker);
        // The monitoring tag, and on the vhost a permission entry that matches no resource: the management API shows it
        // the vhost's queues (without any entry it refuses the vhost), while it may not declare, publish or consume.
        await Broker.CtlAsync("add_user", _monitor, _password);
        await Broker.CtlAsync("set_user_tags", _monitor, "monitoring");
        await Broker.CtlAsync("set_permissions", "-p", _system.VirtualHost, _monitor, "^$", "^$", "^$");
    }

    public async ValueTask DisposeAsync()
    {
        await _system.DisposeAsync();
        await Broker.CtlAsync("delete_user", _monitor);
    }

    [Fact]
    public async Task The_status_page_shows_queue_depths_and_consumers_read_by_a_monitoring_user_that_can_take_no_message()
    {
        var api = await _system.StartApiAsync();
        foreach (var name in new[] { "first.pdf", "second.pdf" })
        {
            using var upload = await api.Http.UploadAsync(TestPdf.WithPages("waiting " + name), name);
            Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        }

        // Only what the web app needs: where the Api is, and the management API as the monitoring user (no AMQP address).
        await using var web = ServiceProcess.Start("Aithena.Web", new Dictionary<string, string>
        {
            ["services__api__http__0"] = api.BaseAddress.ToString(),
            ["Status__Services__0"] = "api",
            ["Access__Anonymous"] = "Full",
            ["ConnectionStrings__messaging-management"] =
                $"http://{_monitor}:{_password}@127.0.0.1:{Broker.ManagementPort}/{Uri.EscapeDataString(_system.VirtualHost)}",
        });
        await web.WaitHealthyAsync();

        // Two uploads wait in index-document with no Indexer to take them. The broker's counters lag a few seconds, and
        // not all at once: a queue can list its messages before its consumer count (the page shows "–" until then).
        var page = await Eventually.Until(() => StatusPageAsync(web),
            p => Cell(p, "index-document", "ready") == "2" && Cell(p, "index-document", "consumers") == "0", Timeout,
            "the status page to show two messages waiting in index-document and no consumer");
        foreach (var queue in new[] { "index-document_error", "embed-document", "embed-document_error" })
        {
            Assert.NotNull(page.QuerySelector($"tr[data-queue='{queue}']"));
        }

        // An Indexer starts: one consumer, and the queue drains.
        await _system.StartIndexerAsync();
        page = await Eventually.Until(() => StatusPageAsync(web),
            p => Cell(p, "index-document", "consumers") == "1" && Cell(p, "index-document", "ready") == "0", Timeout,
            "the status page to show the Indexer consuming index-document");
        // And its pace, once the broker's statistics have counted the acknowledgements (how far a stage lags).
        page = await Eventually.Until(() => StatusPageAsync(web), p => Cell(p, "index-document", "rate") is { } rate && rate != "–", Timeout,
            "the status page to show how many index-document messages are done a second");

        // The user the page reads with cannot take a message, and its password is in no page or log line.
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_monitor}:{_password}"));
        using var management = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Broker.ManagementPort}/api/") };
        management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        using var take = await management.PostAsync($"queues/{Uri.EscapeDataString(_system.VirtualHost)}/index-document/get",
            new StringContent("""{"count":1,"ackmode":"ack_requeue_false","encoding":"auto"}""", Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);
        Assert.False(take.IsSuccessStatusCode, $"the monitoring user took a message ({take.StatusCode})");
        Assert.DoesNotContain(_password, page.Document.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(_password, web.Output, StringComparison.Ordinal);
        // Nor the Authorization header it travels in.
        Assert.DoesNotContain(credentials, web.Output, StringComparison.Ordinal);
    }

    private static async Task<StatusPage> StatusPageAsync(ServiceProcess web) =>
        // Server-rendered first: the figures are in the page before its live connection refreshes them.
        new(await new HtmlParser().ParseDocumentAsync(await web.Http.GetStringAsync("/status", TestContext.Current.CancellationToken)));

    private static string? Cell(StatusPage page, string queue, string column) =>
        page.Document.QuerySelector($"tr[data-queue='{queue}'] td.queue-{column}")?.TextContent.Trim();

    /// <summary>The page, described by its queues section when a wait for it times out.</summary>
    private sealed record StatusPage(IDocument Document)
    {
        public IElement? QuerySelector(string selector) => Document.QuerySelector(selector);

        public override string ToString() => Document.QuerySelector("section[aria-labelledby=queues-heading]")?.TextContent.Trim() ?? "(no queues section)";
    }
}
