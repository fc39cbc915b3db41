using Aithena.Indexer.Indexing;

namespace Aithena.Tests.Unit;

public sealed class PathMetadataTests
{
    [Fact]
    public void Author_title_and_year_come_from_the_file_name()
    {
        var m = PathMetadata.Parse("Ursula K. Le Guin - The Dispossessed (1974).pdf");
        Assert.Equal(("The Dispossessed", "Ursula K. Le Guin", 1974), (m.Title, m.Author, m.Year));
    }

    [Fact]
    public void Author_and_title_without_a_year()
    {
        var m = PathMetadata.Parse("Borges - Ficciones.pdf");
        Assert.Equal(("Ficciones", "Borges", (int?)null), (m.Title, m.Author, m.Year));
    }

    [Fact]
    public void Category_and_author_come_from_the_folders_and_a_language_code_folder_gives_the_language()
    {
        var m = PathMetadata.Parse("es/Novela/Cervantes/Don Quijote (1605).pdf");
        Assert.Equal(("Don Quijote", "Cervantes", 1605, "Novela", "es"), (m.Title, m.Author, m.Year, m.Category, m.Language));
    }

    [Theory]
    [InlineData("Old Book (1499).pdf")]
    [InlineData("Far Future (2100).pdf")]
    public void Years_outside_1500_to_2099_are_ignored(string name) => Assert.Null(PathMetadata.Parse(name).Year);

    [Fact]
    public void Uploads_is_not_a_category()
    {
        var m = PathMetadata.Parse("uploads/notes.pdf");
        Assert.Null(m.Category);
    }

    [Fact]
    public void Without_a_pattern_the_pdf_title_is_used_and_the_author_is_unknown()
    {
        var meta = PathMetadata.Complete(PathMetadata.Parse("uploads/scan_0001.pdf"), "uploads/scan_0001.pdf", "Annual Report", null);
        Assert.Equal(("Annual Report", PathMetadata.UnknownAuthor), (meta.Title, meta.Author));
    }

    [Fact]
    public void Without_a_pattern_or_pdf_title_the_file_name_is_the_title()
    {
        var meta = PathMetadata.Complete(PathMetadata.Parse("misc/scan_0001.pdf"), "misc/scan_0001.pdf", " ", null);
        Assert.Equal(("scan 0001", "misc"), (meta.Title, meta.Category));
    }
}
