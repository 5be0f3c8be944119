using ActorVm.Contracts.Engine;

namespace ActorVm.Contracts.Execution;

/// <summary>
/// Terminates a call that runs past its time limit. Arming and disarming only record the deadline:
/// the one timer is left running and, when it fires early for a later call, waits again for the
/// rest, so back-to-back calls with the same limit cost no timer changes.
/// </summary>
internal sealed class ExecutionWatchdog : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Timer _timer;
    private V8Isolate? _isolate;
    private long _deadline;
    private bool _fired;
    private bool _scheduled;
    private long _dueAt;

    public ExecutionWatchdog() => _timer = new Timer(_ => Tick());

    public void Arm(V8Isolate isolate, TimeSpan limit)
    {
        lock (_gate)
        {
            _isolate = isolate;
            _deadline = Environment.TickCount64 + (long)limit.TotalMilliseconds;
            _fired = false;
            // A timer due after this deadline (set for a longer limit) is brought forward.
            if (_scheduled && _dueAt <= _deadline) return;
            Schedule((long)limit.TotalMilliseconds);
        }
    }

    /// <summary>Stops watching; true when the call was terminated for running too long.</summary>
    public bool Disarm()
    {
        lock (_gate)
        {
            _isolate = null;
            return _fired;
        }
    }

    private void Tick()
    {
        lock (_gate)
        {
            if (_isolate is null)
            {
                _scheduled = false;
                return;
            }
            var early = _deadline - Environment.TickCount64;
            if (early > 0)
            {
                Schedule(early);
                return;
            }
            _fired = true;
            _scheduled = false;
            _isolate.Terminate();
        }
    }

    private void Schedule(long milliseconds)
    {
        _scheduled = true;
        _dueAt = Environment.TickCount64 + milliseconds;
        _timer.Change(milliseconds, Timeout.Infinite);
    }

    public void Dispose()
    {
        lock (_gate) _isolate = null;
        _timer.Dispose();
    }
}
