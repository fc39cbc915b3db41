using Aithena.Web.Api;
using Aithena.Web.Broker;
using Aithena.Web.Components.Pages;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Aithena.Tests.Web;

/// <summary>The status page without read-only broker credentials, and where its document counts come from.</summary>
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
        var status = Options.Create(new StatusOptions { Services = ["api"] });
        _context.Services.AddSingleton(new AithenaApiClient(new HttpClient(api) { BaseAddress = new Uri("http://api/") }));
        _context.Services.AddSingleton(status);
        _context.Services.AddSingleton(new BrokerQueuesClient(new HttpClient(new AnsweringHandler(_ => throw new InvalidOperationException("no broker is configured"))),
            Options.Create(new BrokerManagementOptions()), status));
        _context.SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var page = _context.Render<Status>();

        page.WaitForAssertion(() => Assert.Contains("Queue figures are not configured", page.Find("section[aria-labelledby=queues-heading]").TextContent, StringComparison.Ordinal));
        Assert.Equal(["2", "9", "1", "0"], page.FindAll(".counts .count").Select(c => c.TextContent));
        // One detailed report gave the counts: no page of the library was asked for.
        Assert.DoesNotContain(api.Requests, r => r.AbsolutePath.StartsWith("/v1/documents", StringComparison.Ordinal));
    }

    private static System.Text.Json.JsonElement Number(int value) => System.Text.Json.JsonSerializer.SerializeToElement(value);
}
