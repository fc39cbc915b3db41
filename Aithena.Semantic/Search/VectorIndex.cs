using System.Numerics.Tensors;
using Aithena.Semantic.Passages;

namespace Aithena.Semantic.Search;

/// <summary>
/// Every passage vector of the catalog, in memory, searched exactly: one SIMD dot product per passage, split across the
/// cores. Vectors are held as the catalog stores them, one signed byte per dimension (<see cref="VectorCodec"/>), with
/// the inverse of each row's length: a quarter of the memory of float32, and a scan that reads a quarter of the bytes,
/// which is what bounds it. The query is quantised the same way, so a score is an integer dot product
/// (<see cref="Int8Dot"/>) times the two inverse lengths: the cosine of the two int8 vectors, within about 0.01 of the
/// float one. Vectors are kept in blocks of rows; a document's rows are freed when it changes and reused by the next
/// ones. Readers share a lock; the loader takes it alone for the moment it swaps one document's rows.
/// </summary>
public sealed class VectorIndex(int dimensions = 384)
{
    private const int BlockRows = 4096;

    private readonly ReaderWriterLockSlim _lock = new();
    private readonly List<sbyte[]> _blocks = [];
    private readonly Stack<int> _freeRows = new();
    private readonly Stack<int> _freeDocuments = new();
    private readonly List<VectorDocument?> _documents = [];
    private readonly List<int[]> _documentRows = [];
    private readonly Dictionary<string, int> _ordinals = new(StringComparer.Ordinal);
    private int[] _rowDocument = [];
    private int[] _rowPage = [];
    private long[] _rowPassage = [];
    private float[] _rowInverseLength = [];
    private int _rows;
    private int _passages;

    public int Dimensions { get; } = dimensions;

    public int DocumentCount
    {
        get { _lock.EnterReadLock(); try { return _ordinals.Count; } finally { _lock.ExitReadLock(); } }
    }

    public int PassageCount
    {
        get { _lock.EnterReadLock(); try { return _passages; } finally { _lock.ExitReadLock(); } }
    }

    public bool Contains(string documentId)
    {
        _lock.EnterReadLock();
        try { return _ordinals.ContainsKey(documentId); }
        finally { _lock.ExitReadLock(); }
    }

    /// <summary>Puts a document's passages in place of what it had; no passages takes it out.</summary>
    public void Apply(DocumentVectors document)
    {
        foreach (var passage in document.Passages)
        {
            if (passage.Vector.Length != Dimensions)
            {
                throw new ArgumentException($"A vector of {passage.Vector.Length} dimensions in an index of {Dimensions}.", nameof(document));
            }
        }

        _lock.EnterWriteLock();
        try
        {
            Remove(document.Document.Id);
            if (document.Passages.Count == 0)
            {
                return;
            }

            var ordinal = _freeDocuments.Count > 0 ? _freeDocuments.Pop() : AddDocumentSlot();
            _documents[ordinal] = document.Document;
            _ordinals[document.Document.Id] = ordinal;
            var rows = new int[document.Passages.Count];
            for (var i = 0; i < rows.Length; i++)
            {
                var row = _freeRows.Count > 0 ? _freeRows.Pop() : NewRow();
                var passage = document.Passages[i];
                var bytes = Row(row);
                VectorCodec.Quantize(passage.Vector, bytes);
                (_rowDocument[row], _rowPage[row], _rowPassage[row], _rowInverseLength[row]) = (ordinal, passage.Page, passage.PassageId, InverseLength(bytes));
                rows[i] = row;
            }

            _documentRows[ordinal] = rows;
            _passages += rows.Length;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>
    /// The documents whose best passage is nearest the (unit) query, best first, at most <paramref name="limit"/>;
    /// <paramref name="include"/> filters documents before any vector is read.
    /// </summary>
    public IReadOnlyList<VectorMatch> Search(float[] query, int limit, Func<VectorDocument, bool>? include = null, string? excludeDocumentId = null)
    {
        if (query.Length != Dimensions)
        {
            throw new ArgumentException($"A query of {query.Length} dimensions in an index of {Dimensions}.", nameof(query));
        }

        var q = new sbyte[Dimensions];
        VectorCodec.Quantize(query, q);
        var queryInverseLength = InverseLength(q);
        _lock.EnterReadLock();
        try
        {
            var allowed = new bool[_documents.Count];
            for (var d = 0; d < allowed.Length; d++)
            {
                allowed[d] = _documents[d] is { } doc && (include is null || include(doc)) && doc.Id != excludeDocumentId;
            }

            var parts = Math.Max(1, Math.Min(Environment.ProcessorCount, _rows / BlockRows));
            var bestScore = new float[parts][];
            var bestRow = new int[parts][];
            Parallel.For(0, parts, part =>
            {
                var scores = new float[allowed.Length];
                var rows = new int[allowed.Length];
                Array.Fill(scores, float.NegativeInfinity);
                var (from, to) = ((int)((long)_rows * part / parts), (int)((long)_rows * (part + 1) / parts));
                for (var row = from; row < to; row++)
                {
                    var d = _rowDocument[row];
                    if (d < 0 || !allowed[d])
                    {
                        continue;
                    }

                    var score = Int8Dot.Dot(Row(row), q) * _rowInverseLength[row] * queryInverseLength;
                    if (score > scores[d])
                    {
                        (scores[d], rows[d]) = (score, row);
                    }
                }

                (bestScore[part], bestRow[part]) = (scores, rows);
            });

            // Only the best `limit` documents become matches: a min-heap of that size keeps them, instead of a match for
            // every document (100,000 at 1M passages) sorted whole.
            var top = new PriorityQueue<(int Document, int Row), float>(Math.Max(1, limit) + 1);
            for (var d = 0; d < allowed.Length && limit > 0; d++)
            {
                var (score, row) = (float.NegativeInfinity, -1);
                for (var part = 0; part < parts; part++)
                {
                    if (bestScore[part][d] > score)
                    {
                        (score, row) = (bestScore[part][d], bestRow[part][d]);
                    }
                }

                if (row < 0)
                {
                    continue;
                }

                if (top.Count < limit)
                {
                    top.Enqueue((d, row), score);
                }
                else if (top.TryPeek(out _, out var worst) && score > worst)
                {
                    top.EnqueueDequeue((d, row), score);
                }
            }

            var matches = new List<VectorMatch>(top.Count);
            while (top.TryDequeue(out var best, out var score))
            {
                matches.Add(new VectorMatch(_documents[best.Document]!, score, _rowPassage[best.Row], _rowPage[best.Row]));
            }

            matches.Reverse();
            return matches;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>The normalised mean of a document's passage vectors: what "documents like this one" are near.</summary>
    public float[]? Centroid(string documentId)
    {
        _lock.EnterReadLock();
        try
        {
            if (!_ordinals.TryGetValue(documentId, out var ordinal))
            {
                return null;
            }

            var centroid = new float[Dimensions];
            var unit = new float[Dimensions];
            foreach (var row in _documentRows[ordinal])
            {
                TensorPrimitives.ConvertChecked<sbyte, float>(Row(row), unit);
                TensorPrimitives.MultiplyAdd(unit, _rowInverseLength[row], centroid, centroid);
            }

            VectorCodec.Normalize(centroid);
            return centroid;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private void Remove(string documentId)
    {
        if (!_ordinals.Remove(documentId, out var ordinal))
        {
            return;
        }

        foreach (var row in _documentRows[ordinal])
        {
            _rowDocument[row] = -1;
            _freeRows.Push(row);
        }

        _passages -= _documentRows[ordinal].Length;
        _documentRows[ordinal] = [];
        _documents[ordinal] = null;
        _freeDocuments.Push(ordinal);
    }

    private int AddDocumentSlot()
    {
        _documents.Add(null);
        _documentRows.Add([]);
        return _documents.Count - 1;
    }

    private int NewRow()
    {
        if (_rows == _blocks.Count * BlockRows)
        {
            _blocks.Add(new sbyte[BlockRows * Dimensions]);
            var capacity = _blocks.Count * BlockRows;
            Array.Resize(ref _rowDocument, capacity);
            Array.Resize(ref _rowPage, capacity);
            Array.Resize(ref _rowPassage, capacity);
            Array.Resize(ref _rowInverseLength, capacity);
        }

        return _rows++;
    }

    private Span<sbyte> Row(int row) => _blocks[row / BlockRows].AsSpan(row % BlockRows * Dimensions, Dimensions);

    private static float InverseLength(ReadOnlySpan<sbyte> vector)
    {
        var squared = Int8Dot.Dot(vector, vector);
        return squared > 0 ? 1f / MathF.Sqrt(squared) : 0f;
    }
}
