using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Aithena.ServiceDefaults.Messaging;

/// <summary>Bound from <c>ConnectionStrings</c>: the <c>messaging</c> entry is the broker's address with credentials.</summary>
public sealed class MessagingOptions
{
    public const string SettingName = "ConnectionStrings:messaging";
    public const string Hint = "Set it (environment variable ConnectionStrings__messaging) to amqp://user:password@host:port[/vhost]; scripts/broker.sh prints one for a local broker.";

    public string? Messaging { get; set; }

    /// <summary>The parsed endpoint. Only valid after validation passed, which start-up guarantees.</summary>
    public MessagingEndpoint Endpoint =>
        MessagingEndpoint.TryParse(Messaging, out var endpoint, out var error) ? endpoint! : throw new InvalidOperationException(error);
}

/// <summary>Stops start-up when the broker's credentials are missing, malformed, or the shared <c>guest</c> account outside Development.</summary>
public sealed class MessagingOptionsValidator(IHostEnvironment environment) : IValidateOptions<MessagingOptions>
{
    public ValidateOptionsResult Validate(string? name, MessagingOptions options)
    {
        if (!MessagingEndpoint.TryParse(options.Messaging, out var endpoint, out var error))
        {
            return ValidateOptionsResult.Fail(error);
        }

        if (endpoint!.IsGuest && !environment.IsDevelopment())
        {
            return ValidateOptionsResult.Fail(
                $"{MessagingOptions.SettingName} uses the 'guest' account, which is refused outside the Development environment " +
                $"(this is '{environment.EnvironmentName}'). Give Aithena a broker user of its own.");
        }

        return ValidateOptionsResult.Success;
    }
}

/// <summary>Timeouts of the bus's life cycle, bound from <c>Messaging</c>.</summary>
public sealed class BusLifetimeOptions
{
    public const string SectionName = "Messaging";

    /// <summary>How long start-up waits for the broker before the service gives up.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a stopping service waits for the message in flight before handing it back unacknowledged.</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
