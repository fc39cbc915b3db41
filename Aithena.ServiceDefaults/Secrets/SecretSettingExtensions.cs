using Aithena.ServiceDefaults.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Aithena.ServiceDefaults.Secrets;

/// <summary>Registers a secret setting, and the redactor that masks every registered one.</summary>
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
