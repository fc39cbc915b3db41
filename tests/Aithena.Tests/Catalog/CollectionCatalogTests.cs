using Aithena.Catalog;

namespace Aithena.Tests.Catalog;

/// <summary>Collections and tags in the catalog, on both engines: filters and facets, names, and what goes with a document or a group.</summary>
public abstract partial class CatalogTests
{
    private IDocumentGroups Groups => _store.Groups;

    private async Task<DocumentGroup> CreateAsync(GroupKind kind, string name, string? description = null) =>
        Assert.IsType<GroupOutcome.Saved>(await Groups.CreateAsync(kind, name, description)).Group;

    private async Task AddAsync(DocumentGroup group, params string[] documentIds)
    {
        foreach (var id in documentIds)
        {
            Assert.IsType<GroupOutcome.Done>(await Groups.AddDocumentAsync(group.Id, id));
        }
    }

    [Fact]
    public async Task A_search_filters_by_collection_and_by_tag_and_counts_both_as_facets_with_their_names()
    {
        await Index("d1", "one.pdf", "A", null, null, null, "alpha particles");
        await Index("d2", "two.pdf", "B", null, null, null, "alpha decay");
        await Index("d3", "three.pdf", "C", null, null, null, "alpha centauri");
        var reading = await CreateAsync(GroupKind.Collection, "Reading list", "For the seminar");
        var physics = await CreateAsync(GroupKind.Tag, "physics");
        await AddAsync(reading, "d1", "d2");
        await AddAsync(physics, "d2", "d3");

        var all = await _search.SearchAsync(new SearchRequest("alpha"));
        Assert.Equal(3, all.Total);
        Assert.Equal([new FacetValue(reading.Id, 2, "Reading list")], all.Facets.Collection);
        Assert.Equal([new FacetValue(physics.Id, 2, "physics")], all.Facets.Tag);

        var inReading = await _search.SearchAsync(new SearchRequest("alpha", Collection: reading.Id, Sort: SearchSort.Title));
        Assert.Equal(["d1", "d2"], inReading.Results.Select(r => r.Id));
        Assert.Equal([new FacetValue(physics.Id, 1, "physics")], inReading.Facets.Tag);
        Assert.Equal(["d2"], (await _search.SearchAsync(new SearchRequest("alpha", Collection: reading.Id, Tag: physics.Id))).Results.Select(r => r.Id));

        // Without words: the library listing, filtered the same way.
        var tagged = await _search.SearchAsync(new SearchRequest(null, Tag: physics.Id));
        Assert.Equal(["d3", "d2"], tagged.Results.Select(r => r.Id)); // by title: "three", "two"
        Assert.Equal(2, tagged.Total);
        Assert.Equal(0, (await _search.SearchAsync(new SearchRequest(null, Tag: "0123456789abcdef0123456789abcdef"))).Total);
    }

    [Fact]
    public async Task A_documents_memberships_go_when_it_is_removed_and_a_groups_go_when_it_is_deleted()
    {
        await Index("d1", "one.pdf", "A", null, null, null, "alpha");
        await Index("d2", "two.pdf", "B", null, null, null, "alpha");
        var course = await CreateAsync(GroupKind.Collection, "Course 101");
        var tag = await CreateAsync(GroupKind.Tag, "exam");
        await AddAsync(course, "d1", "d2");
        await AddAsync(tag, "d1", "d2");

        Assert.True(await _catalog.MarkRemovedAsync("d1"));

        Assert.Empty(await Groups.MembershipsAsync(["d1"]));
        Assert.Equal(1, (await Groups.FindAsync(course.Id))!.Documents);
        Assert.Equal(["d2"], (await Groups.ListDocumentsAsync(course.Id, null, 1, 20)).Items.Select(d => d.Id));
        // A removed document cannot be put back in.
        Assert.IsType<GroupOutcome.NotFound>(await Groups.AddDocumentAsync(course.Id, "d1"));

        Assert.IsType<GroupOutcome.Done>(await Groups.DeleteAsync(course.Id));

        Assert.Null(await Groups.FindAsync(course.Id));
        Assert.Equal([tag.Id], (await Groups.MembershipsAsync(["d2"])).Select(m => m.GroupId));
        Assert.Null((await _search.SearchAsync(new SearchRequest("alpha"))).Facets.Collection?.FirstOrDefault());
        Assert.IsType<GroupOutcome.NotFound>(await Groups.DeleteAsync(course.Id));
    }

    [Fact]
    public async Task Names_are_unique_within_their_kind_whatever_their_case_and_bad_names_are_refused()
    {
        var physics = await CreateAsync(GroupKind.Collection, "Physics");
        var other = await CreateAsync(GroupKind.Collection, "Chemistry");
        await CreateAsync(GroupKind.Tag, "physics"); // another kind: no clash
        await CreateAsync(GroupKind.Collection, "Émile Zola");

        Assert.IsType<GroupOutcome.NameTaken>(await Groups.CreateAsync(GroupKind.Collection, "  PHYSICS "));
        Assert.IsType<GroupOutcome.NameTaken>(await Groups.CreateAsync(GroupKind.Collection, "émile zola"));
        Assert.IsType<GroupOutcome.NameTaken>(await Groups.UpdateAsync(other.Id, "physics", null));
        Assert.IsType<GroupOutcome.Invalid>(await Groups.CreateAsync(GroupKind.Collection, "   "));
        Assert.IsType<GroupOutcome.Invalid>(await Groups.CreateAsync(GroupKind.Tag, new string('x', DocumentGroupNames.MaxNameLength + 1)));
        Assert.IsType<GroupOutcome.Invalid>(await Groups.CreateAsync(GroupKind.Tag, "a\0b"));
        Assert.IsType<GroupOutcome.NotFound>(await Groups.UpdateAsync("0123456789abcdef0123456789abcdef", "x", null));

        // Renaming to its own name in another case is no clash.
        var renamed = Assert.IsType<GroupOutcome.Saved>(await Groups.UpdateAsync(physics.Id, "PHYSICS", "Mechanics and optics")).Group;
        Assert.Equal("PHYSICS", renamed.Name);
        Assert.Equal(["Chemistry", "Émile Zola", "PHYSICS"], (await Groups.ListAsync(GroupKind.Collection)).Select(g => g.Name));
        Assert.Equal("Mechanics and optics", (await Groups.FindAsync(physics.Id))!.Description);
    }

    [Fact]
    public async Task A_document_is_added_once_however_often_it_is_added_and_only_if_the_library_has_it()
    {
        await Index("d1", "one.pdf", "A", null, null, null, "alpha");
        var shelf = await CreateAsync(GroupKind.Collection, "Shelf");

        await AddAsync(shelf, "d1", "d1");

        Assert.Equal(1, (await Groups.FindAsync(shelf.Id))!.Documents);
        Assert.IsType<GroupOutcome.NotFound>(await Groups.AddDocumentAsync(shelf.Id, "nope"));
        Assert.IsType<GroupOutcome.NotFound>(await Groups.AddDocumentAsync("0123456789abcdef0123456789abcdef", "d1"));
        Assert.IsType<GroupOutcome.Done>(await Groups.RemoveDocumentAsync(shelf.Id, "d1"));
        Assert.IsType<GroupOutcome.Done>(await Groups.RemoveDocumentAsync(shelf.Id, "d1"));
        Assert.Equal(0, (await Groups.FindAsync(shelf.Id))!.Documents);
    }
}
