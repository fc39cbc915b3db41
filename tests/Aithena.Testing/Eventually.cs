using System.Diagnostics;

namespace Aithena.Testing;

/// <summary>Waits for a condition with a deadline, polling; never a bare sleep.</summary>
public static class Eventually
{
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what, TimeSpan? every = null,
        CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        T last = default!;
        Exception? lastError = null;
        while (clock.Elapsed < timeout)
        {
            try
            {
                last = await probe();
                if (done(last))
                {
                    return last;
                }

                lastError = null;
            }
            catch (Exception e) when (e is not WaitAbandonedException && !IsAssertionFailure(e))
            {
                lastError = e;
            }

            await Task.Delay(every ?? TimeSpan.FromMilliseconds(100), cancellationToken);
        }

        throw new TimeoutException($"Timed out after {timeout.TotalSeconds:F0} s waiting for {what}. Last value: {Describe(last)}", lastError);
    }

    public static Task Until(Func<Task<bool>> condition, TimeSpan timeout, string what, TimeSpan? every = null) =>
        Until(condition, ok => ok, timeout, what, every);

    public static Task Until(Func<bool> condition, TimeSpan timeout, string what) =>
        Until(() => Task.FromResult(condition()), ok => ok, timeout, what);

    /// <summary>
    /// A failed assertion inside the probe ends the wait at once. xUnit v3 (and the assertion libraries that follow its
    /// convention) marks assertion failures with an interface named <c>IAssertionException</c>, in any namespace, so
    /// this library needs no reference to a test framework.
    /// </summary>
    private static bool IsAssertionFailure(Exception e) => e.GetType().GetInterfaces().Any(i => i.Name == "IAssertionException");

    private static string Describe<T>(T value) => value switch
    {
        null => "null",
        System.Collections.IEnumerable e and not string => "[" + string.Join(", ", e.Cast<object?>().Take(20)) + "]",
        _ => value.ToString() ?? "",
    };
}
