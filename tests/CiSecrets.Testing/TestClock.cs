using System.Globalization;
using Microsoft.Extensions.Time.Testing;

namespace CiSecrets.Testing;

/// <summary>
/// The one instant the tests treat as now, whatever the real date: rotation times, due dates and
/// ages in fixtures are written relative to it, and code under test reads it through a clock from here.
/// </summary>
public static class TestClock
{
    public static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-23T10:00:00Z", CultureInfo.InvariantCulture);

    /// <summary>A fake clock standing at <see cref="Now"/>; it moves only when a test advances it.</summary>
    public static FakeTimeProvider Create() => new(Now);

    /// <summary>
    /// A clock that starts at <see cref="Now"/> and runs at real speed with real timers: for code that
    /// also waits (rollout polls, deadlines, retries), which a frozen clock would stall.
    /// </summary>
    public static TimeProvider Running() => new RunningClock(Now);

    private sealed class RunningClock(DateTimeOffset start) : TimeProvider
    {
        private readonly long _started = System.GetTimestamp();

        public override DateTimeOffset GetUtcNow() => start + System.GetElapsedTime(_started);
    }
}
