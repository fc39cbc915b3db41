using Aithena.Contracts;

namespace Aithena.Tests.Unit;

public sealed class DocumentIdsTests
{
    [Fact]
    public void The_same_path_always_gives_the_same_id_whoever_computes_it()
    {
        Assert.Equal(DocumentIds.FromPath("uploads/a.pdf"), DocumentIds.FromPath("uploads/a.pdf"));
        Assert.Equal(DocumentIds.FromPath("uploads/a.pdf"), DocumentIds.FromPath("/uploads\\a.pdf"));
        Assert.NotEqual(DocumentIds.FromPath("uploads/a.pdf"), DocumentIds.FromPath("uploads/A.pdf"));
    }

    [Fact]
    public void Composed_and_decomposed_unicode_spellings_give_one_id() =>
        Assert.Equal(DocumentIds.FromPath("Caf\u00e9.pdf"), DocumentIds.FromPath("Cafe\u0301.pdf"));

    [Fact]
    public void Ids_are_32_lowercase_hex_characters()
    {
        var id = DocumentIds.FromPath("x.pdf");
        Assert.True(DocumentIds.IsValid(id));
        Assert.False(DocumentIds.IsValid("../../etc/passwd"));
    }
}
