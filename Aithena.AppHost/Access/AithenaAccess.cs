namespace Aithena.AppHost.Access;

/// <summary>
/// Who may use Aithena, as the AppHost sets it up: the first administrator's password, the key the Api replicas sign
/// web tokens with, the key that opens the workers' detailed health to the status page, and what anonymous callers may do.
/// </summary>
public sealed record AithenaAccess(
    IResourceBuilder<ParameterResource> AdminPassword,
    IResourceBuilder<ParameterResource> TokenKey,
    IResourceBuilder<ParameterResource> HealthKey,
    string Anonymous,
    string WebHosts);
