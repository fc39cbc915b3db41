namespace Aithena.Benchmarks;

/// <summary>Percentiles by the nearest-rank method: every figure reported is a latency that was actually measured.</summary>
public static class Stats
{
    public static double Percentile(IReadOnlyList<double> values, double percentile)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }

    public static double Median(IReadOnlyList<double> values) => Percentile(values, 50);

    public static double ElapsedMs(long startTimestamp) => System.Diagnostics.Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds;
}

/// <summary>What one closed-loop run measured: operations that succeeded, their latencies, and the wall-clock time.</summary>
public sealed record LoadResult(int Completed, int Errors, TimeSpan Elapsed, IReadOnlyList<double> LatenciesMs, string? FirstError)
{
    public double PerSecond => Elapsed > TimeSpan.Zero ? Completed / Elapsed.TotalSeconds : 0;
    public double P50 => Stats.Percentile(LatenciesMs, 50);
    public double P99 => Stats.Percentile(LatenciesMs, 99);
}

/// <summary>
/// The rounds of one row, interleaved with the other rows' rounds so that whatever else the machine does falls on all
/// rows alike. Each figure is the median of the rounds' figures; the per-round throughputs are shown beside it.
/// </summary>
public sealed class Rounds
{
    private readonly List<LoadResult> _rounds = [];

    public IReadOnlyList<LoadResult> All => _rounds;
    public void Add(LoadResult round) => _rounds.Add(round);
    public int Completed => _rounds.Sum(r => r.Completed);
    public int Errors => _rounds.Sum(r => r.Errors);
    public string? FirstError => _rounds.Select(r => r.FirstError).FirstOrDefault(e => e is not null);
    public double PerSecond => Stats.Median(_rounds.Select(r => r.PerSecond).ToList());
    public double P50 => Stats.Median(_rounds.Select(r => r.P50).ToList());
    public double P99 => Stats.Median(_rounds.Select(r => r.P99).ToList());
    public string PerRound => string.Join(" / ", _rounds.Select(r => Report.N(r.PerSecond)));
}
