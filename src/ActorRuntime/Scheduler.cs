using System.Collections.Concurrent;

namespace ActorVm.Actors.Runtime;

/// <summary>Something scheduled that can be called off.</summary>
public interface ICancelable
{
    bool IsCancellationRequested { get; }

    void Cancel();
}

/// <summary>Sends messages later or repeatedly. Timers are held until they fire or are cancelled.</summary>
public sealed class Scheduler : IDisposable
{
    private readonly ConcurrentDictionary<ScheduledItem, byte> _active = new();

    public ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef? sender = null) =>
        Schedule(delay, Timeout.InfiniteTimeSpan, () => receiver.Tell(message, sender));

    public ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, object message,
        IActorRef? sender = null) =>
        interval > TimeSpan.Zero
            ? Schedule(initialDelay, interval, () => receiver.Tell(message, sender))
            : throw new ArgumentOutOfRangeException(nameof(interval), "the interval must be positive");

    public ICancelable ScheduleOnce(TimeSpan delay, Action action) => Schedule(delay, Timeout.InfiniteTimeSpan, action);

    private ScheduledItem Schedule(TimeSpan delay, TimeSpan interval, Action action)
    {
        var item = new ScheduledItem(this, action, repeating: interval != Timeout.InfiniteTimeSpan);
        _active[item] = 0;
        item.Start(delay < TimeSpan.Zero ? TimeSpan.Zero : delay, interval);
        return item;
    }

    public void Dispose()
    {
        foreach (var item in _active.Keys) item.Cancel();
    }

    private sealed class ScheduledItem(Scheduler owner, Action action, bool repeating) : ICancelable
    {
        private Timer? _timer;
        private int _cancelled;

        public bool IsCancellationRequested => Volatile.Read(ref _cancelled) != 0;

        public void Start(TimeSpan delay, TimeSpan interval) => _timer = new Timer(_ => Fire(), null, delay, interval);

        private void Fire()
        {
            if (IsCancellationRequested) return;
            if (!repeating) Cancel();
            action();
        }

        public void Cancel()
        {
            if (Interlocked.Exchange(ref _cancelled, 1) != 0) return;
            _timer?.Dispose();
            owner._active.TryRemove(this, out _);
        }
    }
}
