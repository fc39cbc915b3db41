namespace Aithena.AppHost.Tests;

/// <summary>
/// The AppHost with <c>Aithena:Catalog=postgres</c> where no container engine exists: Debian's PostgreSQL run by
/// <c>scripts/postgres.sh run</c> as a supervised executable resource, on a port and in a folder of its own. The folder
/// is outside <see cref="AppHostFixture.Root"/> (created private, mode 700) because the server runs as the postgres user,
/// which must be able to reach it.
/// </summary>
public sealed class PostgresAppHostFixture : AppHostFixture
{
    public string PostgresDirectory { get; } = Directory.CreateDirectory(
        Path.Combine(Path.GetTempPath(), "aithena-apphost-postgres-" + Guid.NewGuid().ToString("N")[..10])).FullName;

    public int PostgresPort { get; } = FreePort();

    public string PostgresPassword { get; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    protected override IEnumerable<string> Arguments =>
    [
        "--Aithena:Catalog=postgres",
        $"--Aithena:LocalPostgres:Port={PostgresPort}",
        $"--Aithena:LocalPostgres:Directory={PostgresDirectory}",
        $"--Parameters:postgres-password={PostgresPassword}",
    ];

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(PostgresDirectory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A temporary folder; the server's files belong to the postgres user.
        }
    }
}
