namespace Aithena.AppHost.Restarts;

/// <summary>
/// How the AppHost restarts a worker process that died (<c>Aithena:Restarts</c>): after a pause that doubles with each
/// restart in the window, and not at all once a worker died <see cref="MaxRestarts"/> times within <see cref="Window"/>,
/// so a worker that cannot start does not spin the machine.
/// </summary>
public sealed class WorkerRestartOptions
{
    public const string SectionName = "Aithena:Restarts";

    /// <summary>The resources (by name) whose processes are restarted: the workers, set by <see cref="WorkerRestartExtensions"/>.</summary>
    public HashSet<string> Workers { get; } = new(StringComparer.Ordinal);

    public int MaxRestarts { get; set; } = 5;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);

    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The pause before the restart that follows <paramref name="recentRestarts"/> restarts within the window.</summary>
    public TimeSpan DelayAfter(int recentRestarts) =>
        TimeSpan.FromTicks(Math.Min(MaxDelay.Ticks, FirstDelay.Ticks * (1L << Math.Min(recentRestarts, 20))));
}
