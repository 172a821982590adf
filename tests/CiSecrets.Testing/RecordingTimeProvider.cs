using System.Collections.Concurrent;

namespace CiSecrets.Testing;

/// <summary>
/// A clock for retry tests: <see cref="GetUtcNow"/> is fixed, and every timer fires at once while its
/// due time is recorded, so a test can assert that code waited what a server asked (a
/// <c>Retry-After</c> of minutes, say) without waiting at all.
/// </summary>
public sealed class RecordingTimeProvider(DateTimeOffset now) : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _waits = new();

    /// <summary>The due time of every timer created, in order.</summary>
    public IReadOnlyList<TimeSpan> Waits => [.. _waits];

    public override DateTimeOffset GetUtcNow() => now;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _waits.Enqueue(dueTime);
            ThreadPool.QueueUserWorkItem(_ => callback(state));
        }

        return new FiredTimer();
    }

    private sealed class FiredTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => false;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
