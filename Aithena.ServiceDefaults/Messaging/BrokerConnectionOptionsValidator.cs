using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Aithena.ServiceDefaults.Messaging;

/// <summary>Stops start-up when the broker's credentials are missing, malformed, or the shared <c>guest</c> account outside Development.</summary>
public sealed class BrokerConnectionOptionsValidator(IHostEnvironment environment) : IValidateOptions<BrokerConnectionOptions>
{
    public ValidateOptionsResult Validate(string? name, BrokerConnectionOptions options)
    {
        if (!MessagingEndpoint.TryParse(options.Messaging, out var endpoint, out var error))
        {
            return ValidateOptionsResult.Fail(error);
        }

        if (endpoint!.IsGuest && !environment.IsDevelopment())
        {
            return ValidateOptionsResult.Fail(
                $"{BrokerConnectionOptions.SettingName} uses the 'guest' account, which is refused outside the Development environment " +
                $"(this is '{environment.EnvironmentName}'). Give Aithena a broker user of its own.");
        }

        return ValidateOptionsResult.Success;
    }
}
