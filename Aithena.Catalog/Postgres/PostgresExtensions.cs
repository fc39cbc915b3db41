using Npgsql;
using NpgsqlTypes;

namespace Aithena.Catalog;

internal static class PostgresExtensions
{
    public static NpgsqlCommand With(this NpgsqlCommand command, string name, object? value, NpgsqlDbType type)
    {
        command.Parameters.Add(new NpgsqlParameter(name, type) { Value = value ?? DBNull.Value });
        return command;
    }

    public static NpgsqlCommand With(this NpgsqlCommand command, string name, string? value) =>
        command.With(name, Clean(value), NpgsqlDbType.Text);

    public static NpgsqlCommand With(this NpgsqlCommand command, string name, long value) =>
        command.With(name, value, NpgsqlDbType.Bigint);

    public static NpgsqlCommand With(this NpgsqlCommand command, string name, int value) =>
        command.With(name, value, NpgsqlDbType.Integer);

    public static NpgsqlCommand With(this NpgsqlCommand command, string name, int? value) =>
        command.With(name, value, NpgsqlDbType.Integer);

    public static NpgsqlCommand With(this NpgsqlCommand command, string name, DateTimeOffset? value) =>
        command.With(name, value?.ToUniversalTime(), NpgsqlDbType.TimestampTz);

    /// <summary>PostgreSQL text cannot hold NUL, which a PDF's text may: it becomes a space (SQLite keeps it; nothing searches for it).</summary>
    public static string? Clean(string? text) => text?.Replace('\0', ' ');
}
