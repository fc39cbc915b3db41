using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Aithena.Catalog;

/// <summary>
/// Opens connections to the SQLite catalog (<see cref="CatalogEngine.Sqlite"/>) that every Aithena process on a machine shares.
/// Pooling keeps opening cheap; WAL (set once by the schema) lets readers run beside one writer,
/// and the busy timeout makes a writer wait for another process's transaction instead of failing.
/// </summary>
public sealed class SqliteCatalogDatabase
{
    private readonly string _connectionString;

    public SqliteCatalogDatabase(IOptions<CatalogOptions> options)
    {
        var builder = new SqliteConnectionStringBuilder(options.Value.Catalog)
        {
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        };
        var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _connectionString = builder.ToString();
        DataSource = builder.DataSource;
    }

    public string DataSource { get; }

    /// <summary>The full connection string (pooling, timeout), for a component that opens its own connections (the Api's accounts).</summary>
    public string ConnectionString => _connectionString;

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await connection.ExecuteAsync("PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;", cancellationToken);
            Fts5Rank.Register(connection);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
