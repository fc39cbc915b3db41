using Aithena.Catalog;
using Aithena.Lister.Scanning;

namespace Aithena.Tests.Unit;

public sealed class ScanPlanTests
{
    private static readonly DateTimeOffset T = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);

    [Fact]
    public void New_and_changed_files_are_indexed_gone_ones_removed_and_unchanged_ones_left_alone()
    {
        var files = new[]
        {
            new LibraryFile("new.pdf", 10, T),
            new LibraryFile("same.pdf", 10, T),
            new LibraryFile("bigger.pdf", 11, T),
            new LibraryFile("touched.pdf", 10, T.AddSeconds(1)),
            new LibraryFile("failed.pdf", 10, T),
        };
        var catalog = new Dictionary<string, FileState>
        {
            ["same.pdf"] = new("1", 10, T, DocumentStatus.Indexed),
            ["bigger.pdf"] = new("2", 10, T, DocumentStatus.Indexed),
            ["touched.pdf"] = new("3", 10, T, DocumentStatus.Queued),
            ["failed.pdf"] = new("4", 10, T, DocumentStatus.Failed),
            ["gone.pdf"] = new("5", 10, T, DocumentStatus.Indexed),
        };

        var plan = ScanPlan.Create(files, catalog);

        Assert.Equal(5, plan.FilesSeen);
        Assert.Equal(["new.pdf", "bigger.pdf", "touched.pdf"], plan.ToIndex.Select(f => f.Path));
        Assert.Equal([("5", "gone.pdf")], plan.ToRemove);
    }
}
