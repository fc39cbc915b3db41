using System.Net;
using System.Net.Http.Json;
using Aithena.Web.Api;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Aithena.Web.Broker;

/// <summary>
/// The queue figures of the status page, from the broker's management API over HTTP with the read-only user of
/// <see cref="BrokerManagementOptions"/>: no AMQP connection at all, and the factory's pooled HTTP connections
/// rather than one per page. The HttpClient is given its address and credentials at registration.
/// </summary>
public sealed class BrokerQueuesClient(HttpClient http, IOptions<BrokerManagementOptions> options, IOptions<StatusOptions> status)
{
    /// <summary>Only the fields the page shows, instead of every statistic the broker keeps about the queue.</summary>
    private const string Columns = "name,messages_ready,messages_unacknowledged,consumers,message_stats.ack_details.rate";

    public async Task<QueueReport> GetAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Endpoint is not { } endpoint)
        {
            return QueueReport.NotConfigured;
        }

        try
        {
            var queues = await Task.WhenAll(status.Value.QueuesOrDefault.Select(queue => QueueAsync(endpoint.VirtualHost, queue, cancellationToken)));
            return new QueueReport(true, queues, null);
        }
        catch (RefusedException)
        {
            return new QueueReport(true, [], $"The broker refused the monitoring user '{endpoint.UserName}' ({BrokerManagementOptions.SettingName}).");
        }
        catch (Exception e) when (e is HttpRequestException or BrokenCircuitException or TimeoutRejectedException
                                  || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new QueueReport(true, [], "The broker's management API does not answer.");
        }
    }

    private async Task<QueueFigures> QueueAsync(string virtualHost, string queue, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(
            $"api/queues/{Uri.EscapeDataString(virtualHost)}/{Uri.EscapeDataString(queue)}?columns={Columns}", cancellationToken);
        switch (response.StatusCode)
        {
            case HttpStatusCode.NotFound:
                return QueueFigures.NotDeclared(queue);
            case HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden:
                throw new RefusedException();
            default:
                response.EnsureSuccessStatusCode();
                return (await response.Content.ReadFromJsonAsync<QueueFigures>(cancellationToken))!;
        }
    }

    private sealed class RefusedException : Exception;
}
