namespace ActorVm.Actors.Runtime;

/// <summary>
/// An actor's keyed timers (Akka's ITimerScheduler). Starting a timer with a key in use replaces
/// it; a message from a cancelled or replaced timer is never delivered, even if already queued.
/// Timers are cancelled when the actor restarts or stops.
/// </summary>
public interface ITimerScheduler
{
    void StartSingleTimer(object key, object message, TimeSpan delay);
    void StartPeriodicTimer(object key, object message, TimeSpan interval);
    void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval);
    bool IsTimerActive(object key);
    void Cancel(object key);
    void CancelAll();
}

/// <summary>What a keyed timer sends to its actor; unwrapped by the cell before the actor sees it.</summary>
internal sealed record TimerFired(object Key, int Generation, object Message);

internal sealed class TimerScheduler(ActorCell cell) : ITimerScheduler
{
    private readonly Dictionary<object, (int Generation, ICancelable Schedule, bool Periodic)> _timers = [];
    private int _generation;

    public void StartSingleTimer(object key, object message, TimeSpan delay) => Start(key, message, delay, null);

    public void StartPeriodicTimer(object key, object message, TimeSpan interval) => Start(key, message, interval, interval);

    public void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval) =>
        Start(key, message, initialDelay, interval);

    public bool IsTimerActive(object key) => _timers.ContainsKey(key);

    public void Cancel(object key)
    {
        if (_timers.Remove(key, out var timer)) timer.Schedule.Cancel();
    }

    public void CancelAll()
    {
        foreach (var timer in _timers.Values) timer.Schedule.Cancel();
        _timers.Clear();
    }

    /// <summary>The message to deliver for a fired timer, or null when the timer is no longer current.</summary>
    internal object? Accept(TimerFired fired)
    {
        if (!_timers.TryGetValue(fired.Key, out var timer) || timer.Generation != fired.Generation) return null;
        if (!timer.Periodic) _timers.Remove(fired.Key);
        return fired.Message;
    }

    private void Start(object key, object message, TimeSpan delay, TimeSpan? interval)
    {
        Cancel(key);
        var generation = ++_generation;
        var fired = new TimerFired(key, generation, message);
        var schedule = interval is { } every
            ? cell.System.Scheduler.ScheduleTellRepeatedly(delay, every, cell, fired, cell)
            : cell.System.Scheduler.ScheduleTellOnce(delay, cell, fired, cell);
        _timers[key] = (generation, schedule, interval is not null);
    }
}
