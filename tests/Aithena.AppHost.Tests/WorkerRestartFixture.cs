namespace Aithena.AppHost.Tests;

/// <summary>
/// The app with a health key of its own (to read a worker's <c>/health/detail</c>), short restart pauses, and one restart
/// allowed in the window (so that a second death shows the crash-loop cap).
/// </summary>
public sealed class WorkerRestartFixture : AppHostFixture
{
    public string HealthKey { get; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    protected override IEnumerable<string> Arguments =>
    [
        $"--Parameters:health-key={HealthKey}",
        "--Aithena:Restarts:FirstDelay=00:00:00.500",
        "--Aithena:Restarts:MaxRestarts=1",
    ];
}
