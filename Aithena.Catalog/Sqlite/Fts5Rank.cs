using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Aithena.Catalog;

/// <summary>
/// <c>aithena_rank(pages_fts, max_rowid)</c>: FTS5's BM25 (the same formula, constants and sign as its <c>bm25()</c>),
/// registered as an FTS5 auxiliary function on each connection, except for one thing: how many pages hold a phrase.
/// <c>bm25()</c> counts them by running every phrase of the query over the whole index before the first row is scored:
/// 30 ms for a word on nearly every page of a million, 90 ms for a phrase of two common words, whatever the search's
/// match cap. Here a phrase is counted exactly up to <see cref="CountedMatches"/> pages, and past that estimated from
/// how far into the pages (by rowid) its first matches reached: a word found 1,000 times in the first tenth of the pages
/// is on about 10,000. The estimate only matters for common phrases, whose weight (IDF) is near zero either way.
/// </summary>
internal static unsafe class Fts5Rank
{
    public const string Name = "aithena_rank";

    /// <summary>Pages counted exactly before a phrase's count is estimated.</summary>
    internal const int CountedMatches = 1_000;

    private const int SqliteOk = 0;
    private const int SqliteRow = 100;
    private const int SqliteDone = 101;
    private const double K1 = 1.2;
    private const double B = 0.75;

    /// <summary>The physical connections the function is registered on: pooled connections are opened many times.</summary>
    private static readonly ConditionalWeakTable<object, object> Registered = new();

    private static readonly nint FtsApiPointerType = Marshal.StringToCoTaskMemUTF8("fts5_api_ptr");
    private static readonly nint FunctionName = Marshal.StringToCoTaskMemUTF8(Name);
    private static readonly nint SelectFts5 = Marshal.StringToCoTaskMemUTF8("SELECT fts5(?1)");

    /// <summary>Registers the function on the connection's database handle, once per handle.</summary>
    public static void Register(SqliteConnection connection)
    {
        var handle = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        if (Registered.TryGetValue(handle, out _))
        {
            return;
        }

        var db = handle.DangerousGetHandle();
        nint statement = 0;
        FtsApi* api = null;
        Check(db, Native.sqlite3_prepare_v2(db, SelectFts5, -1, &statement, null));
        try
        {
            Check(db, Native.sqlite3_bind_pointer(statement, 1, &api, FtsApiPointerType, 0));
            var step = Native.sqlite3_step(statement);
            if (step is not SqliteRow and not SqliteDone)
            {
                Check(db, step);
            }
        }
        finally
        {
            Native.sqlite3_finalize(statement);
        }

        if (api is null || api->Version < 2)
        {
            throw new InvalidOperationException("This SQLite has no FTS5 extension API to rank searches with.");
        }

        Check(db, api->CreateFunction(api, FunctionName, 0, &Rank, 0));
        Registered.AddOrUpdate(handle, new object());
    }

    private static void Check(nint db, int code)
    {
        if (code != SqliteOk)
        {
            throw new InvalidOperationException($"SQLite refused to register {Name}: {Marshal.PtrToStringUTF8(Native.sqlite3_errmsg(db))} ({code}).");
        }
    }

    /// <summary>The per-query figures, computed at the first row and kept by FTS5 until the query ends.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct QueryFigures
    {
        public long Rows;
        public double AverageLength;
        public int Phrases;
        // Followed by one double per phrase: its IDF, or NaN until a row first holds the phrase.
    }

    [UnmanagedCallersOnly]
    private static void Rank(ExtensionApi* api, nint fts, nint context, int argumentCount, nint* arguments)
    {
        try
        {
            var figures = (QueryFigures*)api->GetAuxdata(fts, 0);
            if (figures is null)
            {
                var phrases = api->PhraseCount(fts);
                figures = (QueryFigures*)NativeMemory.AllocZeroed((nuint)(sizeof(QueryFigures) + phrases * sizeof(double)));
                figures->Phrases = phrases;
                long rows = 0, tokens = 0;
                Throw(api->RowCount(fts, &rows));
                Throw(api->ColumnTotalSize(fts, -1, &tokens));
                figures->Rows = rows;
                figures->AverageLength = rows > 0 ? (double)tokens / rows : 1;
                new Span<double>(figures + 1, phrases).Fill(double.NaN);
                var code = api->SetAuxdata(fts, figures, &Free);
                if (code != SqliteOk)
                {
                    NativeMemory.Free(figures);
                    Throw(code);
                }
            }

            var idf = new Span<double>(figures + 1, figures->Phrases);
            Span<int> frequency = stackalloc int[Math.Min(figures->Phrases, 64)];
            if (figures->Phrases > frequency.Length)
            {
                frequency = new int[figures->Phrases];
            }

            frequency.Clear();
            int instances;
            Throw(api->InstCount(fts, &instances));
            for (var i = 0; i < instances; i++)
            {
                int phrase, column, offset;
                Throw(api->Inst(fts, i, &phrase, &column, &offset));
                frequency[phrase]++;
            }

            int length;
            Throw(api->ColumnSize(fts, -1, &length));
            var maxRowid = argumentCount > 0 ? Native.sqlite3_value_int64(arguments[0]) : 0;
            var score = 0.0;
            for (var p = 0; p < figures->Phrases; p++)
            {
                if (frequency[p] == 0)
                {
                    continue;
                }

                if (double.IsNaN(idf[p]))
                {
                    idf[p] = Idf(api, fts, p, figures->Rows, maxRowid);
                }

                score += idf[p] * frequency[p] * (K1 + 1) / (frequency[p] + K1 * (1 - B + B * length / figures->AverageLength));
            }

            // Lower is better, as with bm25(), so ORDER BY the rank ascending puts the best first.
            Native.sqlite3_result_double(context, -score);
        }
        catch (Exception e)
        {
            var message = Marshal.StringToCoTaskMemUTF8($"{Name}: {e.Message}");
            Native.sqlite3_result_error(context, message, -1);
            Marshal.FreeCoTaskMem(message);
        }
    }

    /// <summary>
    /// BM25's IDF, <c>ln((N - n + 0.5) / (n + 0.5))</c> floored at 1e-6 as FTS5 does, with <c>n</c> the pages holding the
    /// phrase: counted up to <see cref="CountedMatches"/>, estimated past it.
    /// </summary>
    private static double Idf(ExtensionApi* api, nint fts, int phrase, long rows, long maxRowid)
    {
        var counter = new PhraseCounter();
        Throw(api->QueryPhrase(fts, phrase, &counter, &Count));
        double holding = counter.Matches;
        if (counter.Matches >= CountedMatches && counter.LastRowid > 0 && maxRowid > counter.LastRowid)
        {
            holding = Math.Min(rows, counter.Matches * (double)maxRowid / counter.LastRowid);
        }

        var idf = Math.Log((rows - holding + 0.5) / (holding + 0.5));
        return idf <= 0 ? 1e-6 : idf;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PhraseCounter
    {
        public int Matches;
        public long LastRowid;
    }

    [UnmanagedCallersOnly]
    private static int Count(ExtensionApi* api, nint fts, void* state)
    {
        var counter = (PhraseCounter*)state;
        counter->Matches++;
        counter->LastRowid = api->Rowid(fts);
        // SQLITE_DONE ends the phrase's query early without an error.
        return counter->Matches >= CountedMatches ? SqliteDone : SqliteOk;
    }

    [UnmanagedCallersOnly]
    private static void Free(void* memory) => NativeMemory.Free(memory);

    private static void Throw(int code)
    {
        if (code != SqliteOk)
        {
            throw new InvalidOperationException($"FTS5 answered {code}.");
        }
    }

    /// <summary>The head of SQLite's <c>fts5_api</c> (fts5.h): later versions only append members.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct FtsApi
    {
        public int Version;
        public nint CreateTokenizer;
        public nint FindTokenizer;
        public delegate* unmanaged<FtsApi*, nint, nint, delegate* unmanaged<ExtensionApi*, nint, nint, int, nint*, void>, nint, int> CreateFunction;
    }

    /// <summary>The head of SQLite's <c>Fts5ExtensionApi</c> (fts5.h), up to the members used here, in their order.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct ExtensionApi
    {
        public int Version;
        public nint UserData;
        public nint ColumnCount;
        public delegate* unmanaged<nint, long*, int> RowCount;
        public delegate* unmanaged<nint, int, long*, int> ColumnTotalSize;
        public nint Tokenize;
        public delegate* unmanaged<nint, int> PhraseCount;
        public nint PhraseSize;
        public delegate* unmanaged<nint, int*, int> InstCount;
        public delegate* unmanaged<nint, int, int*, int*, int*, int> Inst;
        public delegate* unmanaged<nint, long> Rowid;
        public nint ColumnText;
        public delegate* unmanaged<nint, int, int*, int> ColumnSize;
        public delegate* unmanaged<nint, int, void*, delegate* unmanaged<ExtensionApi*, nint, void*, int>, int> QueryPhrase;
        public delegate* unmanaged<nint, void*, delegate* unmanaged<void*, void>, int> SetAuxdata;
        public delegate* unmanaged<nint, int, void*> GetAuxdata;
    }

    /// <summary>The few SQLite calls needed, from the library Microsoft.Data.Sqlite already loaded (SQLitePCLRaw's e_sqlite3).</summary>
    private static class Native
    {
        private const string Library = "e_sqlite3";

        [DllImport(Library)] public static extern int sqlite3_prepare_v2(nint db, nint sql, int bytes, nint* statement, nint* tail);
        [DllImport(Library)] public static extern int sqlite3_bind_pointer(nint statement, int index, void* pointer, nint type, nint destructor);
        [DllImport(Library)] public static extern int sqlite3_step(nint statement);
        [DllImport(Library)] public static extern int sqlite3_finalize(nint statement);
        [DllImport(Library)] public static extern nint sqlite3_errmsg(nint db);
        [DllImport(Library)] public static extern long sqlite3_value_int64(nint value);
        [DllImport(Library)] public static extern void sqlite3_result_double(nint context, double value);
        [DllImport(Library)] public static extern void sqlite3_result_error(nint context, nint message, int bytes);
    }
}
