[assembly: AssemblyFixture(typeof(Aithena.Tests.Infrastructure.SharedPostgres))]

namespace Aithena.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL that the tests of the PostgreSQL catalog share, each with a database of its own. Started by the first
/// test that asks for a database, so a run without such tests starts no server.
/// </summary>
public sealed class SharedPostgres : IAsyncDisposable
{
    private readonly SemaphoreSlim _start = new(1, 1);
    private PrivatePostgres? _server;

    public async Task<PrivatePostgres> ServerAsync()
    {
        await _start.WaitAsync();
        try
        {
            if (_server is null)
            {
                var server = new PrivatePostgres();
                await server.StartAsync();
                _server = server;
            }

            return _server;
        }
        finally
        {
            _start.Release();
        }
    }

    public async Task<string> CreateDatabaseAsync() => await (await ServerAsync()).CreateDatabaseAsync();

    public async Task DropDatabaseAsync(string connectionString) => await (await ServerAsync()).DropDatabaseAsync(connectionString);

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _start.Dispose();
    }
}
