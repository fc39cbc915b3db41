using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Aithena.ServiceDefaults.Messaging;

public enum SecretKind
{
    /// <summary>The whole value is the secret (an API key).</summary>
    Value,

    /// <summary>An amqp:// address: the password inside it is the secret.</summary>
    AmqpAddress,
}

/// <summary>A configuration key whose value must never leave the process in a health report or problem body.</summary>
public sealed record SecretSetting(string Key, SecretKind Kind);

public static class SecretSettingExtensions
{
    public static IServiceCollection AddSecretSetting(this IServiceCollection services, string key, SecretKind kind)
    {
        services.AddSingleton(new SecretSetting(key, kind));
        services.TryAddSingleton(provider =>
        {
            var configuration = provider.GetRequiredService<IConfiguration>();
            return new SecretRedactor(provider.GetServices<SecretSetting>().Select(setting => setting.Kind switch
            {
                SecretKind.AmqpAddress => MessagingEndpoint.TryParse(configuration[setting.Key], out var endpoint, out _) ? endpoint!.Password : null,
                _ => configuration[setting.Key],
            }));
        });
        return services;
    }
}
