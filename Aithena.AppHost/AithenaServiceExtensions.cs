using Aithena.AppHost.Catalog;
using Aspire.Hosting.ApplicationModel;

namespace Aithena.AppHost;

public static class AithenaServiceExtensions
{
    /// <summary>
    /// What every Aithena service receives, the contract also used without Aspire: <c>ConnectionStrings__messaging</c>,
    /// <c>ConnectionStrings__catalog</c> and <c>Library__Path</c>; it starts once the broker is ready and reports its
    /// readiness on <c>/health</c>.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithAithenaService(this IResourceBuilder<ProjectResource> service,
        IResourceBuilder<IResourceWithConnectionString> messaging, ReferenceExpression library, AithenaCatalog catalog) =>
        service
            // The connection string only: the broker's password is not also handed out as MESSAGING_PASSWORD.
            .WithReferenceEnvironment(ReferenceEnvironmentInjectionFlags.ConnectionString)
            .WithReference(messaging)
            .WaitFor(messaging)
            .WithEnvironment("Library__Path", library)
            .WithAithenaCatalog(catalog)
            // DCP kills a resource's process group about 6 s after SIGTERM: finish or hand back the message in
            // flight well before that (an unacknowledged message is redelivered either way).
            .WithEnvironment("Messaging__StopTimeout", "00:00:04")
            .WithHttpHealthCheck("/health");
}
