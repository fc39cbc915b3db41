using System.Net.Http.Json;
using Aspire.Hosting.ApplicationModel;

namespace Aithena.AppHost.Messaging;

/// <summary>
/// No crash loop: a document whose processing kills the Indexer would be redelivered to the next Indexer forever.
/// Quorum queues count deliveries never acknowledged and, past the limit, dead-letter the message to
/// <c>index-document_crashed</c>, where the Indexer marks the document failed naming the crashes (and likewise
/// <c>embed-document</c> to <c>embed-document_crashed</c>, where its embeddings are marked failed, and <c>ocr-document</c> to
/// <c>ocr-document_crashed</c>, where the OCR worker marks its pending pages failed). A policy, not queue
/// arguments: senders declare <c>index-document</c> without arguments, and arguments that differ between declarers
/// fail with PRECONDITION_FAILED. The AppHost sets it through the management API as soon as the broker is ready, for a
/// container broker as for the local one (scripts/broker.sh sets the same policy for the brokers it starts itself).
/// </summary>
internal static class CrashLoopPolicy
{
    /// <summary>Each crash-prone command queue, and where it sets aside what kept killing its consumer.</summary>
    private static readonly (string Queue, string Crashed)[] Queues =
        [("index-document", "index-document_crashed"), ("embed-document", "embed-document_crashed"), ("ocr-document", "ocr-document_crashed")];

    /// <summary>Room for hand-backs on SIGTERM and broker restarts, while a document that kills every Indexer stops at 11.</summary>
    public const int DeliveryLimit = 10;

    public static IResourceBuilder<T> WithCrashLoopPolicy<T>(this IResourceBuilder<T> broker, EndpointReference management,
        IResourceBuilder<ParameterResource> user, IResourceBuilder<ParameterResource> password, string virtualHost)
        where T : IResource
    {
        broker.ApplicationBuilder.Eventing.Subscribe<ResourceReadyEvent>(broker.Resource, async (_, cancellationToken) =>
        {
            using var http = await BrokerManagementApi.CreateClientAsync(management, user, password, cancellationToken);
            foreach (var (queue, crashed) in Queues)
            {
                var policy = new Dictionary<string, object>
                {
                    ["pattern"] = $"^{queue}$",
                    // "queues": RabbitMQ 3.10 knows no "quorum_queues" here; the queue is quorum by the broker's default.
                    ["apply-to"] = "queues",
                    ["priority"] = 10,
                    ["definition"] = new Dictionary<string, object>
                    {
                        ["delivery-limit"] = DeliveryLimit,
                        ["dead-letter-exchange"] = "",
                        ["dead-letter-routing-key"] = crashed,
                    },
                };
                using var response = await http.PutAsJsonAsync($"/api/policies/{Uri.EscapeDataString(virtualHost)}/aithena-{queue}", policy, cancellationToken);
                response.EnsureSuccessStatusCode();
            }
        });
        return broker;
    }
}
