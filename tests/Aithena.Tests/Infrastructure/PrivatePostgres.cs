using System.Diagnostics;
using Npgsql;

namespace Aithena.Tests.Infrastructure;

/// <summary>
/// A private PostgreSQL started with the project's own script (scripts/postgres.sh) on a free loopback port, its data
/// in a temporary folder (fsync off: test data). Each test asks for a database of its own, so tests never share a catalog.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "aithena-postgres-" + Guid.NewGuid().ToString("N")[..10]);
    private string _adminConnectionString = "";

    public string Directory => _dir;

    /// <summary>The administrator's connection string to the instance's own <c>aithena</c> database.</summary>
    public string AdminConnectionString => _adminConnectionString;

    public static string Script => Path.Combine(Repo.Root, "scripts", "postgres.sh");

    public async Task StartAsync(params string[] extra)
    {
        var output = await RunScriptAsync(["start", "--dir", _dir, "--auto-ports", "--fast", .. extra]);
        _adminConnectionString = output.Trim().Split('\n')[^1];
    }

    public Task StopAsync() => RunScriptAsync("stop", "--dir", _dir);

    /// <summary>A new, empty database; its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "t_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(_adminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a test's database, closing whatever sessions still use it.</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_adminConnectionString.Length > 0)
        {
            NpgsqlConnection.ClearAllPools();
            await StopAsync();
        }

        try
        {
            System.IO.Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a temp folder
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static async Task<string> RunScriptAsync(params string[] args)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Script);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"postgres.sh {string.Join(' ', args.Take(3))} failed ({process.ExitCode}): {await stderr}");
        }

        return await stdout;
    }
}
