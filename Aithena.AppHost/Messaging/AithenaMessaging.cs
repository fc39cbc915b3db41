using Aspire.Hosting.ApplicationModel;

namespace Aithena.AppHost.Messaging;

/// <param name="Connection">The <c>messaging</c> connection string every service references (AMQP, the services' user).</param>
/// <param name="Management">The <c>messaging-management</c> connection string the web app references: the broker's
/// management API with the read-only monitoring user, for the status page's queue figures.</param>
public sealed record AithenaMessaging(
    IResourceBuilder<IResourceWithConnectionString> Connection,
    IResourceBuilder<IResourceWithConnectionString> Management);
