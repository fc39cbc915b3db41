using System.Diagnostics;

namespace Aithena.Benchmarks;

/// <summary>
/// A closed-loop load driver: <c>workers</c> tasks, each starting its next operation as soon as the previous one
/// ended, until <c>total</c> operations were started or the time budget ran out (whichever comes first).
/// </summary>
public static class Load
{
    /// <param name="operation">(worker index, operation index, token); throws on failure.</param>
    public static async Task<LoadResult> RunAsync(
        int workers, int total, TimeSpan budget, Func<int, int, CancellationToken, Task> operation, CancellationToken cancellationToken)
    {
        var next = -1;
        var errors = 0;
        string? firstError = null;
        var latencies = new List<double>[workers];
        // A broker or service that fails every request is a finding, not something to hammer for the whole budget.
        var maxErrors = Math.Max(5, total / 20);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(budget);
        var clock = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            var mine = latencies[worker] = new List<double>(total / workers + 1);
            while (!deadline.IsCancellationRequested && Volatile.Read(ref errors) < maxErrors)
            {
                var index = Interlocked.Increment(ref next);
                if (index >= total)
                {
                    return;
                }

                var started = Stopwatch.GetTimestamp();
                try
                {
                    await operation(worker, index, deadline.Token);
                    mine.Add(Stats.ElapsedMs(started));
                }
                catch (OperationCanceledException) when (deadline.IsCancellationRequested)
                {
                    return; // the budget ran out mid-operation: neither a success nor an error
                }
                catch (Exception e)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, $"{e.GetType().Name}: {e.Message}", null);
                }
            }
        }, CancellationToken.None)));

        clock.Stop();
        cancellationToken.ThrowIfCancellationRequested();
        var all = latencies.SelectMany(l => l ?? []).ToList();
        return new LoadResult(all.Count, errors, clock.Elapsed, all, firstError);
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; a bounded wait, never a bare sleep.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, TimeSpan every, string what, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"timed out after {timeout.TotalSeconds:F0} s waiting for {what}");
            }

            await Task.Delay(every, cancellationToken);
        }
    }
}
