using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aithena.Benchmarks;

/// <summary>
/// Aithena's own bus in this process: a host with nothing but <c>AddAithenaBus</c> from Aithena.ServiceDefaults, so
/// what is measured is the services' wiring itself (one connection, publisher confirms, the same timeouts), not a copy.
/// </summary>
public sealed class AithenaBus : IAsyncDisposable
{
    private readonly IHost _host;

    private AithenaBus(IHost host)
    {
        _host = host;
        Bus = host.Services.GetRequiredService<IBus>();
    }

    public IBus Bus { get; }

    public static async Task<AithenaBus> StartAsync(string connectionString, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ApplicationName = "Aithena.Benchmarks",
            EnvironmentName = Environments.Production,
            DisableDefaults = true, // no appsettings or environment variables: only what is set here
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:messaging"] = connectionString,
            ["Messaging:StartTimeout"] = "00:00:30",
            ["Messaging:StopTimeout"] = "00:00:05",
        });
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.AddAithenaBus();
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new AithenaBus(host);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _host.StopAsync(timeout.Token);
        }
        finally
        {
            _host.Dispose();
        }
    }
}
