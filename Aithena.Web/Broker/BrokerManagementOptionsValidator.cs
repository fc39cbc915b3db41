using Microsoft.Extensions.Options;

namespace Aithena.Web.Broker;

/// <summary>Stops start-up when the management address is set but malformed or without credentials; not setting it is fine.</summary>
public sealed class BrokerManagementOptionsValidator : IValidateOptions<BrokerManagementOptions>
{
    public ValidateOptionsResult Validate(string? name, BrokerManagementOptions options) =>
        string.IsNullOrWhiteSpace(options.MessagingManagement) || BrokerManagementEndpoint.TryParse(options.MessagingManagement, out _, out var error)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(error);
}
