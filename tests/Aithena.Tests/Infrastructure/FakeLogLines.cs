using Microsoft.Extensions.Logging.Testing;

namespace Aithena.Tests.Infrastructure;

/// <summary>
/// A service's captured log (FakeLogger's collector) as lines, each with its level, category and scopes (the trace
/// and document ids live in scopes), for assertions on what a service said.
/// </summary>
public static class FakeLogLines
{
    public static IReadOnlyList<string> Lines(this FakeLogCollector logs) =>
        logs.GetSnapshot().Select(record =>
            $"{record.Level} {record.Category} [{string.Join(" => ", record.Scopes.Select(scope => scope?.ToString()))}] {record.Message} {record.Exception}").ToList();

    public static string Text(this FakeLogCollector logs) => string.Join('\n', logs.Lines());
}
