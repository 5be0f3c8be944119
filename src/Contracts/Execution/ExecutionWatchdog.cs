using ActorVm.Contracts.Engine;

namespace ActorVm.Contracts.Execution;

/// <summary>
/// Terminates a call that runs past its time limit. One timer is reused for every call; a late
/// tick from an earlier call is recognised by its deadline and ignored.
/// </summary>
internal sealed class ExecutionWatchdog : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Timer _timer;
    private V8Isolate? _isolate;
    private long _deadline;
    private bool _fired;

    public ExecutionWatchdog() => _timer = new Timer(_ => Tick());

    public void Arm(V8Isolate isolate, TimeSpan limit)
    {
        lock (_gate)
        {
            _isolate = isolate;
            _deadline = Environment.TickCount64 + (long)limit.TotalMilliseconds;
            _fired = false;
        }
        _timer.Change(limit, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Stops watching; true when the call was terminated for running too long.</summary>
    public bool Disarm()
    {
        lock (_gate)
        {
            _isolate = null;
            _timer.Change(Timeout.Infinite, Timeout.Infinite);
            return _fired;
        }
    }

    private void Tick()
    {
        lock (_gate)
        {
            if (_isolate is null) return;
            var early = _deadline - Environment.TickCount64;
            if (early > 0)
            {
                _timer.Change(early, Timeout.Infinite);
                return;
            }
            _fired = true;
            _isolate.Terminate();
        }
    }

    public void Dispose() => _timer.Dispose();
}
