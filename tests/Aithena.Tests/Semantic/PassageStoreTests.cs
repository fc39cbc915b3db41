using Aithena.Catalog;
using Aithena.Contracts;
using Aithena.Semantic.Passages;
using Aithena.Semantic.Search;

namespace Aithena.Tests.Semantic;

/// <summary>
/// The passage store and the embedder over it, without a broker or a model: every behaviour here runs on both engines
/// (<see cref="SqlitePassageStoreTests"/>, <see cref="PostgresPassageStoreTests"/>), each test on a catalog of its own.
/// </summary>
public abstract class PassageStoreTests : IAsyncLifetime
{
    private const string Model = "hashing";
    private IDocumentCatalog _catalog = null!;
    private IPassageStore _store = null!;
    private DocumentEmbedder _embedder = null!;

    /// <summary>A new, migrated catalog of this engine: its documents and its passage store.</summary>
    protected abstract Task<(IDocumentCatalog Catalog, IPassageStore Store)> OpenAsync();

    protected abstract ValueTask CloseAsync();

    public async ValueTask InitializeAsync()
    {
        (_catalog, _store) = await OpenAsync();
        _embedder = new DocumentEmbedder(_store, new PassageSplitter(maxWords: 12, overlapWords: 4), new HashingEmbeddingGenerator());
    }

    public ValueTask DisposeAsync() => CloseAsync();

    private Task IndexAsync(string id, params string[] pages) =>
        _catalog.SaveIndexedAsync(new IndexedDocument(id, id + ".pdf", 100, DateTimeOffset.UnixEpoch, "hash", new DocumentMetadata(id, "Someone", 2001, null, "en"),
            pages, DocumentSource.Upload, null));

    [Fact]
    public async Task The_backlog_counts_what_waits_what_waits_ahead_of_a_document_and_the_passages_embedded_lately()
    {
        foreach (var id in new[] { "p1", "p2", "p3" })
        {
            await IndexAsync(id, $"The text of {id}, long enough to be cut into several passages of twelve words at most each time.");
        }

        var before = await _store.ReadBacklogAsync(Model, "p3", DateTimeOffset.UtcNow.AddMinutes(-5), default);
        Assert.Equal((3, 2, 0L, 0L), (before.DocumentsWaiting, before.DocumentsAhead, before.PassagesDone, before.PassagesLately));
        Assert.True(before.TextAhead > 0 && before.TextWaiting > before.TextAhead, $"{before.TextAhead} of {before.TextWaiting} characters ahead");

        var (_, passages) = await _embedder.EmbedAsync("p1", default);
        var after = await _store.ReadBacklogAsync(Model, "p3", DateTimeOffset.UtcNow.AddMinutes(-5), default);
        Assert.Equal((2, 1, (long)passages, (long)passages), (after.DocumentsWaiting, after.DocumentsAhead, after.PassagesDone, after.PassagesLately));
        Assert.True(after.TextDone > 0);

        // Nothing embedded after a moment still to come; no document given, nothing ahead of it.
        var later = await _store.ReadBacklogAsync(Model, null, DateTimeOffset.UtcNow.AddMinutes(5), default);
        Assert.Equal((2, 0, 0L), (later.DocumentsWaiting, later.DocumentsAhead, later.PassagesLately));
    }

    [Fact]
    public async Task The_backlog_gives_a_documents_own_text_length_measured_as_the_waiting_texts_are()
    {
        const string text = "A text of one page, measured in characters as the catalog records them.";
        await IndexAsync("p1", text, "and a second page");
        await IndexAsync("p2", text);
        await IndexAsync("scan", "", "");

        var backlog = await _store.ReadBacklogAsync(Model, "p2", DateTimeOffset.UtcNow.AddMinutes(-5), default);
        Assert.Equal(text.Length, backlog.TextOwn);
        // The same measure as what waits: the waiting texts' characters are the documents' own added up.
        Assert.Equal(backlog.TextAhead + backlog.TextOwn, backlog.TextWaiting);
        Assert.Equal(text.Length + "and a second page".Length, backlog.TextAhead);

        // No text, no document, an unknown one: nothing of its own.
        Assert.Equal(0, (await _store.ReadBacklogAsync(Model, "scan", DateTimeOffset.UtcNow, default)).TextOwn);
        Assert.Equal(0, (await _store.ReadBacklogAsync(Model, null, DateTimeOffset.UtcNow, default)).TextOwn);
        Assert.Equal(0, (await _store.ReadBacklogAsync(Model, "unknown", DateTimeOffset.UtcNow, default)).TextOwn);
    }

    [Fact]
    public async Task Embedding_again_replaces_the_passages_and_a_repeated_command_changes_nothing()
    {
        await IndexAsync("a", "One sentence here. Another sentence there. And a third one to make it longer than twelve words in all.");
        Assert.Equal(EmbeddingStatus.Pending, (await _store.GetStatusesAsync(["a"], Model, default))["a"]);

        var (first, count) = await _embedder.EmbedAsync("a", default);
        Assert.Equal(EmbedOutcome.Embedded, first);
        Assert.True(count >= 2);
        Assert.Equal(EmbeddingStatus.Done, (await _store.GetStatusesAsync(["a"], Model, default))["a"]);

        // A redelivered command: nothing new is written.
        Assert.Equal((EmbedOutcome.AlreadyDone, count), await _embedder.EmbedAsync("a", default));
        var changes = await _store.ReadChangesAsync(0, Model, 100, default);
        Assert.Equal(count, Assert.Single(changes.Documents).Passages.Count);

        // Indexed again: pending until embedded again, then exactly one set of passages.
        await IndexAsync("a", "Completely new text.");
        Assert.Equal(EmbeddingStatus.Pending, (await _store.GetStatusesAsync(["a"], Model, default))["a"]);
        Assert.Equal((EmbedOutcome.Embedded, 1), await _embedder.EmbedAsync("a", default));
        var after = await _store.ReadChangesAsync(changes.Version, Model, 100, default);
        var passage = Assert.Single(Assert.Single(after.Documents).Passages);
        Assert.Equal("Completely new text.", (await _store.ReadPassageTextsAsync([passage.PassageId], default))[passage.PassageId]);
    }

    [Fact]
    public async Task Redelivered_commands_running_at_once_leave_exactly_one_set_of_passages()
    {
        await IndexAsync("a", "One sentence here. Another sentence there. And a third one to make it longer than twelve words in all.");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => _embedder.EmbedAsync("a", default))));

        Assert.All(outcomes, o => Assert.Contains(o.Outcome, new[] { EmbedOutcome.Embedded, EmbedOutcome.AlreadyDone }));
        var document = Assert.Single((await _store.ReadChangesAsync(0, Model, 100, default)).Documents);
        Assert.Equal(outcomes[0].Passages, document.Passages.Count);
        Assert.Equal(document.Passages.Count, document.Passages.Select(p => p.PassageId).Distinct().Count());
        Assert.Equal(EmbeddingStatus.Done, (await _store.GetStatusesAsync(["a"], Model, default))["a"]);
    }

    [Fact]
    public async Task A_command_that_raced_a_reindexing_writes_nothing_and_the_document_stays_pending()
    {
        await IndexAsync("a", "The first text of the document.");
        var text = (await _store.ReadTextAsync("a", default))!;

        await IndexAsync("a", "The second text of the document.");
        var passages = new PassageSplitter().Split(text.Pages).Select(p => new EmbeddedPassage(p, Vector(1))).ToList();

        Assert.False(await _store.ReplaceAsync("a", text.IndexingStamp, Model, passages, default));
        Assert.Equal(EmbeddingStatus.Pending, (await _store.GetStatusesAsync(["a"], Model, default))["a"]);
        Assert.Null(await _store.GetStateAsync("a", default));
        Assert.Equal((EmbedOutcome.Embedded, 1), await _embedder.EmbedAsync("a", default));
    }

    [Fact]
    public async Task A_removed_document_loses_its_passages_and_readers_see_it_go()
    {
        await IndexAsync("b", "Some text about something.");
        await _embedder.EmbedAsync("b", default);
        var index = new VectorIndex();
        var loaded = await _store.ReadChangesAsync(0, Model, 100, default);
        foreach (var document in loaded.Documents)
        {
            index.Apply(document);
        }

        Assert.True(index.Contains("b"));

        await _catalog.MarkRemovedAsync("b");
        var gone = await _store.ReadChangesAsync(loaded.Version, Model, 100, default);
        index.Apply(Assert.Single(gone.Documents));
        Assert.False(index.Contains("b"));
        Assert.Equal(0, index.PassageCount);
        Assert.Equal((EmbedOutcome.NotIndexed, 0), await _embedder.EmbedAsync("b", default));
    }

    [Fact]
    public async Task A_document_that_fails_indexing_or_embedding_leaves_semantic_search()
    {
        await IndexAsync("c", "Text that indexing will fail next time.");
        await IndexAsync("d", "Text whose embedding gives up.");
        await _embedder.EmbedAsync("c", default);
        await _embedder.EmbedAsync("d", default);
        var loaded = await _store.ReadChangesAsync(0, Model, 100, default);
        Assert.All(loaded.Documents, d => Assert.NotEmpty(d.Passages));

        await _catalog.MarkFailedAsync("c", "c.pdf", "broken");
        await _embedder.MarkFailedAsync("d", "the model crashed", default);

        var after = await _store.ReadChangesAsync(loaded.Version, Model, 100, default);
        Assert.Equal(new[] { "c", "d" }, after.Documents.Select(d => d.Document.Id).Order());
        Assert.All(after.Documents, d => Assert.Empty(d.Passages));
        Assert.Equal(EmbeddingStatus.Failed, (await _store.GetStatusesAsync(["c", "d"], Model, default))["d"]);
        Assert.Equal(EmbeddingStatus.Failed, (await _store.GetStateAsync("d", default))!.Status);
    }

    [Fact]
    public async Task A_failed_embedding_keeps_its_reason_until_the_text_is_embedded_again()
    {
        await IndexAsync("e", "Text whose embedding gives up once.");
        await _embedder.MarkFailedAsync("e", "Ran out of memory 6 times", default);

        var failed = (await _store.GetStateAsync("e", default))!;
        Assert.Equal((EmbeddingStatus.Failed, "Ran out of memory 6 times"), (failed.Status, failed.FailureReason));

        await _embedder.EmbedAsync("e", default);
        var done = (await _store.GetStateAsync("e", default))!;
        Assert.Equal((EmbeddingStatus.Done, (string?)null), (done.Status, done.FailureReason));
    }

    [Fact]
    public async Task A_reader_polling_while_many_documents_are_embedded_at_once_misses_none()
    {
        var ids = Enumerable.Range(0, 40).Select(i => "doc" + i).ToList();
        foreach (var id in ids)
        {
            await IndexAsync(id, $"Document {id} has words of its own. It is long enough for two passages of twelve words.");
        }

        // The reader keeps a version and asks only for what changed after it, as the Api's loader does, in small batches
        // while the writers commit in whatever order they finish.
        var index = new VectorIndex();
        var version = 0L;
        async Task PollAsync()
        {
            PassageChanges changes;
            do
            {
                changes = await _store.ReadChangesAsync(version, Model, 3, default);
                foreach (var document in changes.Documents)
                {
                    index.Apply(document);
                }

                version = changes.Version;
            }
            while (changes.Documents.Count > 0);
        }

        using var writersDone = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            while (!writersDone.IsCancellationRequested)
            {
                await PollAsync();
            }
        });
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, _) => await _embedder.EmbedAsync(id, default));
        await writersDone.CancelAsync();
        await reader;
        await PollAsync();

        Assert.Equal(ids.Order(), ids.Where(index.Contains).Order());
        Assert.Equal(ids.Count, index.DocumentCount);
    }

    [Fact]
    public async Task Reindexing_with_unchanged_text_keeps_every_vector_and_encodes_nothing()
    {
        var counting = new CountingEmbeddingGenerator(new HashingEmbeddingGenerator());
        var embedder = new DocumentEmbedder(_store, new PassageSplitter(maxWords: 12, overlapWords: 4), counting);
        await IndexAsync("a", "One sentence here. Another sentence there. And a third one to make it longer than twelve words in all.", "A second page of text.");
        var first = await embedder.EmbedDocumentAsync("a", default);
        Assert.Equal(first.Passages, first.Encoded);
        var before = Assert.Single((await _store.ReadChangesAsync(0, Model, 100, default)).Documents);

        // A metadata correction, a retry or a touched file indexes the document again with the same text.
        await IndexAsync("a", "One sentence here. Another sentence there. And a third one to make it longer than twelve words in all.", "A second page of text.");
        Assert.Equal(EmbeddingStatus.Pending, (await _store.GetStatusesAsync(["a"], Model, default))["a"]);
        counting.Texts.Clear();
        var again = await embedder.EmbedDocumentAsync("a", default);

        Assert.Equal(new EmbedResult(EmbedOutcome.Embedded, first.Passages, 0), again);
        Assert.Empty(counting.Texts);
        Assert.Equal(EmbeddingStatus.Done, (await _store.GetStatusesAsync(["a"], Model, default))["a"]);
        var after = Assert.Single((await _store.ReadChangesAsync(0, Model, 100, default)).Documents);
        Assert.Equal(before.Passages.Count, after.Passages.Count);
        foreach (var (old, kept) in before.Passages.Zip(after.Passages))
        {
            Assert.True(System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(old.Vector, kept.Vector) > 0.9999f);
        }
    }

    [Fact]
    public async Task Reindexing_encodes_only_the_passages_whose_text_changed()
    {
        var counting = new CountingEmbeddingGenerator(new HashingEmbeddingGenerator());
        var embedder = new DocumentEmbedder(_store, new PassageSplitter(maxWords: 12, overlapWords: 4), counting);
        await IndexAsync("a", "The first page stays as it was.", "The second page is about to change.", "The third page stays too.");
        await embedder.EmbedDocumentAsync("a", default);

        await IndexAsync("a", "The first page stays as it was.", "The second page was corrected by its author.", "The third page stays too.");
        counting.Texts.Clear();
        var result = await embedder.EmbedDocumentAsync("a", default);

        Assert.Equal(new EmbedResult(EmbedOutcome.Embedded, 3, 1), result);
        Assert.Equal(["The second page was corrected by its author."], counting.Texts);
        // The reused and the new vectors are what the model says for each text.
        var document = Assert.Single((await _store.ReadChangesAsync(0, Model, 100, default)).Documents);
        var texts = await _store.ReadPassageTextsAsync(document.Passages.Select(p => p.PassageId).ToList(), default);
        var model = new HashingEmbeddingGenerator();
        foreach (var passage in document.Passages)
        {
            var expected = (await model.GenerateAsync([texts[passage.PassageId]]))[0].Vector.ToArray();
            Assert.True(System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(expected, passage.Vector) > 0.999f);
        }
    }

    [Fact]
    public async Task Vectors_of_another_model_are_never_reused()
    {
        await IndexAsync("a", "The first page of the document.", "The second page of the document.");
        await _embedder.EmbedDocumentAsync("a", default);

        var other = new CountingEmbeddingGenerator(new HashingEmbeddingGenerator(), modelId: "another-model");
        var result = await new DocumentEmbedder(_store, new PassageSplitter(maxWords: 12, overlapWords: 4), other).EmbedDocumentAsync("a", default);

        Assert.Equal(new EmbedResult(EmbedOutcome.Embedded, 2, 2), result);
        Assert.Equal(2, other.Texts.Count);
    }

    [Fact]
    public async Task A_text_that_occurs_several_times_in_a_document_is_encoded_once()
    {
        var counting = new CountingEmbeddingGenerator(new HashingEmbeddingGenerator());
        var embedder = new DocumentEmbedder(_store, new PassageSplitter(maxWords: 12, overlapWords: 4), counting);
        await IndexAsync("a", "This page is intentionally left blank.", "Chapter one begins here.", "This page is intentionally left blank.");

        var result = await embedder.EmbedDocumentAsync("a", default);

        Assert.Equal(new EmbedResult(EmbedOutcome.Embedded, 3, 2), result);
        Assert.Equal(2, counting.Texts.Count);
        var document = Assert.Single((await _store.ReadChangesAsync(0, Model, 100, default)).Documents);
        Assert.Equal(document.Passages[0].Vector, document.Passages[2].Vector);
    }

    private static float[] Vector(int seed)
    {
        var random = new Random(seed);
        var vector = Enumerable.Range(0, 384).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        VectorCodec.Normalize(vector);
        return vector;
    }
}
