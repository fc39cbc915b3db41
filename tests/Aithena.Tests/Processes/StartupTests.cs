using Aithena.Tests.Infrastructure;

namespace Aithena.Tests.Processes;

/// <summary>Services as real processes refuse to start on bad broker credentials, and say why without the password.</summary>
public sealed class StartupTests(SharedBroker shared) : IAsyncLifetime
{
    private TestSystem _system = null!;

    private PrivateBroker Broker => _system.Broker;
    private string _vhost => _system.VirtualHost;

    public async ValueTask InitializeAsync() => _system = await TestSystem.CreateAsync(shared.Broker);

    public ValueTask DisposeAsync() => _system.DisposeAsync();

    private async Task<ServiceProcess> RunToExitAsync(string project, string? messaging, string environment = "Production")
    {
        var settings = _system.Settings(("Messaging:StartTimeout", "00:00:20")).AsEnvironment();
        settings["ASPNETCORE_ENVIRONMENT"] = environment;
        if (messaging is null)
        {
            settings.Remove("ConnectionStrings__messaging");
        }
        else
        {
            settings["ConnectionStrings__messaging"] = messaging;
        }

        var process = ServiceProcess.Start(project, settings);
        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.NotEqual(0, exitCode);
        return process;
    }

    [Theory]
    [InlineData("Aithena.Api")]
    [InlineData("Aithena.Indexer")]
    [InlineData("Aithena.Lister")]
    public async Task A_missing_connection_string_stops_start_up_naming_the_setting(string project)
    {
        await using var process = await RunToExitAsync(project, messaging: null);
        Assert.Contains("ConnectionStrings:messaging is not set", process.Output, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings__messaging", process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_string_without_credentials_stops_start_up()
    {
        await using var process = await RunToExitAsync("Aithena.Api", $"amqp://127.0.0.1:{Broker.AmqpPort}/{_vhost}");
        Assert.Contains("has no user name and password", process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_guest_account_is_refused_outside_development()
    {
        await using var process = await RunToExitAsync("Aithena.Api", $"amqp://guest:guest@127.0.0.1:{Broker.AmqpPort}/{_vhost}");
        Assert.Contains("uses the 'guest' account", process.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Aithena.Api")]
    [InlineData("Aithena.Indexer")] // its bus starts after the host did (BusAfterStartupHostedService): a failure there still stops it
    public async Task A_wrong_password_stops_start_up_with_a_clear_message_and_without_the_password(string project)
    {
        const string password = "Wr0ngPassw0rd-Never-Printed";
        await using var process = await RunToExitAsync(project, Broker.ConnectionString(_vhost, password: password));

        Assert.Matches("(?i)access.refused|authenticat", process.Output);
        Assert.DoesNotContain(password, process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_library_folder_stops_start_up_naming_the_setting()
    {
        var settings = _system.Settings().AsEnvironment();
        settings["Library__Path"] = Path.Combine(_system.Library.Root, "does-not-exist");
        await using var process = ServiceProcess.Start("Aithena.Api", settings);

        Assert.NotEqual(0, await process.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("Library:Path", process.Output, StringComparison.Ordinal);
    }
}
