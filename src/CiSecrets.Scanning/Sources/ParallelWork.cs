using System.Runtime.ExceptionServices;

namespace CiSecrets.Scanning.Sources;

/// <summary>Runs the same work loop on several dedicated threads and surfaces the first failure as itself.</summary>
internal static class ParallelWork
{
    public static void Run(int workers, Action work, CancellationToken cancellationToken)
    {
        var tasks = Enumerable.Range(0, Math.Max(1, workers))
            .Select(_ => Task.Factory.StartNew(work, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToArray();
        try
        {
            Task.WaitAll(tasks, cancellationToken);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }
    }

    /// <summary>Calls <paramref name="work"/> for every index in [0, count), spread over the workers.</summary>
    public static void ForEach(int count, int parallelism, Action<int> work, CancellationToken cancellationToken) =>
        ForEach<object?>(count, parallelism, () => null, (_, i) => work(i), cancellationToken);

    /// <summary>Calls <paramref name="work"/> for every index in [0, count), spread over the workers, each with its own state.</summary>
    public static void ForEach<TState>(int count, int parallelism, Func<TState> createState, Action<TState, int> work, CancellationToken cancellationToken)
    {
        var next = -1;
        void Work()
        {
            var state = createState();
            try
            {
                for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    work(state, i);
                }
            }
            finally
            {
                (state as IDisposable)?.Dispose();
            }
        }

        Run(Math.Min(parallelism, count), Work, cancellationToken);
    }
}
