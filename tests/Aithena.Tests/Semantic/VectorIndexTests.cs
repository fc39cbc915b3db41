using System.Numerics.Tensors;
using Aithena.Semantic.Passages;

namespace Aithena.Tests.Semantic;

/// <summary>The in-memory exact search over int8 vectors, without a catalog.</summary>
public sealed class VectorIndexTests
{
    [Theory]
    [InlineData(384)]
    [InlineData(100)]
    [InlineData(31)]
    [InlineData(7)]
    public void The_int8_dot_product_sums_without_overflow_at_every_length(int length)
    {
        var random = new Random(length);
        for (var round = 0; round < 20; round++)
        {
            // Extremes included: every pair at ±127 is the largest sum a 16-bit step could overflow on.
            var a = Enumerable.Range(0, length).Select(_ => (sbyte)(round == 0 ? 127 : random.Next(-127, 128))).ToArray();
            var b = Enumerable.Range(0, length).Select(_ => (sbyte)(round == 0 ? -127 : random.Next(-127, 128))).ToArray();
            var expected = a.Zip(b, (x, y) => x * y).Sum();
            Assert.Equal(expected, Aithena.Semantic.Search.Int8Dot.Dot(a, b));
        }
    }

    [Fact]
    public void Scores_are_the_cosine_within_a_hundredth_and_each_document_ranks_by_its_best_passage()
    {
        var random = new Random(11);
        var index = new VectorIndex();
        var vectors = new Dictionary<string, float[][]>();
        for (var d = 0; d < 50; d++)
        {
            var id = "d" + d;
            vectors[id] = Enumerable.Range(0, 5).Select(_ => Unit(random)).ToArray();
            index.Apply(new DocumentVectors(new VectorDocument(id, id, null, null, null, null, 1, id + ".pdf"),
                vectors[id].Select((v, i) => new PassageVector(d * 10 + i, i + 1, v)).ToList()));
        }

        var query = Unit(random);
        var matches = index.Search(query, 10);

        var exact = vectors.Select(v => (Id: v.Key, Score: v.Value.Max(p => TensorPrimitives.Dot(p, query)))).OrderByDescending(v => v.Score).ToList();
        Assert.Equal(10, matches.Count);
        foreach (var match in matches)
        {
            Assert.InRange(match.Score - exact.Single(e => e.Id == match.Document.Id).Score, -0.01f, 0.01f);
        }

        Assert.Equal(exact[0].Id, matches[0].Document.Id);
        Assert.Equal(250, index.PassageCount);

        // A passage equal to the query is found first, on its page, at a cosine of 1.
        var target = vectors["d7"][3];
        var best = index.Search(target, 1).Single();
        Assert.Equal(("d7", 4, 73L), (best.Document.Id, best.Page, best.PassageId));
        Assert.InRange(best.Score, 0.99f, 1.01f);
    }

    private static float[] Unit(Random random)
    {
        var v = Enumerable.Range(0, 384).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        VectorCodec.Normalize(v);
        return v;
    }
}
