using Aithena.Web.Api;
using Aithena.Web.Broker;
using Aithena.Web.Components.Pages;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Aithena.Tests.Web;

/// <summary>The status page without read-only broker credentials, where its document counts come from, and a restarted worker.</summary>
public sealed class StatusPageTests : IDisposable
{
    private readonly BunitContext _context = new();

    public void Dispose() => _context.Dispose();

    [Fact]
    public void Without_broker_credentials_it_says_queue_figures_are_not_configured_and_counts_documents_from_the_apis_report()
    {
        var api = new AnsweringHandler(_ => AnsweringHandler.Json(new ServiceHealthReport("Healthy", new()
        {
            ["documents"] = new ServiceHealthCheck("Healthy", "12 documents in the catalog.", new()
            {
                ["queued"] = Number(2), ["indexed"] = Number(9), ["failed"] = Number(1), ["removed"] = Number(0),
            }),
        })));
        var page = RenderWithoutBroker(api, "api");

        page.WaitForAssertion(() => Assert.Contains("Queue figures are not configured", page.Find("section[aria-labelledby=queues-heading]").TextContent, StringComparison.Ordinal));
        Assert.Equal(["2", "9", "1", "0"], page.FindAll(".counts .count").Select(c => c.TextContent));
        // One detailed report gave the counts: no page of the library was asked for.
        Assert.DoesNotContain(api.Requests, r => r.AbsolutePath.StartsWith("/v1/documents", StringComparison.Ordinal));
    }

    [Fact]
    public void A_worker_restarted_after_its_process_died_shows_degraded_with_its_restarts_and_start()
    {
        // What a restarted worker's /health/detail holds (Aithena.ServiceDefaults' ProcessHealthCheck).
        var api = new AnsweringHandler(_ => AnsweringHandler.Json(new ServiceHealthReport("Degraded", new()
        {
            ["process"] = new ServiceHealthCheck("Degraded",
                "Restarted after its process died (1 restart so far); process 4242, up since 2026-12-04 08:12:03 UTC (0 min 40 s).", new()
                {
                    ["startedAt"] = System.Text.Json.JsonSerializer.SerializeToElement("2026-12-04T08:12:03.0000000+00:00"),
                    ["processId"] = Number(4242),
                    ["restarts"] = Number(1),
                }),
        })));
        var page = RenderWithoutBroker(api, "indexer");

        page.WaitForAssertion(() => Assert.Equal("Degraded", page.Find("#service-indexer .badge").TextContent));
        var indexer = page.Find("article.service").TextContent;
        Assert.Contains("Restarted after its process died (1 restart so far)", indexer, StringComparison.Ordinal);
        Assert.Contains("restarts: 1", indexer, StringComparison.Ordinal);
    }

    [Fact]
    public void How_far_meaning_search_lags_shows_the_passages_waiting_the_pace_and_the_wait()
    {
        var api = new AnsweringHandler(request => request.RequestUri!.AbsolutePath == "/v1/embeddings"
            ? AnsweringHandler.Json(new Aithena.Api.Documents.LibraryEmbeddingProgress("pending", 3, 420, 20.5, 5, TimeSpan.FromSeconds(21)))
            : AnsweringHandler.Json(new ServiceHealthReport("Healthy", [])));
        var page = RenderWithoutBroker(api, "api");

        page.WaitForAssertion(() => Assert.Equal("pending", page.Find(".meaning-backlog").GetAttribute("data-status")));
        Assert.Equal("3 documents (about 420 passages) wait for embeddings: keyword search finds them already; the embedders do 20.5 passages a second (last 5 minutes); about a minute until all are searchable by meaning.",
            page.Find(".meaning-backlog").TextContent);
    }

    /// <summary>The page over the given Api, watching one service, with no broker credentials (the queue figures say so).</summary>
    private IRenderedComponent<Status> RenderWithoutBroker(AnsweringHandler api, string service)
    {
        var status = Options.Create(new StatusOptions { Services = [service] });
        _context.Services.AddSingleton(new AithenaApiClient(new HttpClient(api) { BaseAddress = new Uri("http://api/") }));
        _context.Services.AddSingleton(status);
        _context.Services.AddSingleton(new BrokerQueuesClient(new HttpClient(new AnsweringHandler(_ => throw new InvalidOperationException("no broker is configured"))),
            Options.Create(new BrokerManagementOptions()), status));
        _context.SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        return _context.Render<Status>();
    }

    private static System.Text.Json.JsonElement Number(int value) => System.Text.Json.JsonSerializer.SerializeToElement(value);
}
