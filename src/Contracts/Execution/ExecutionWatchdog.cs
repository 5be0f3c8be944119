using ActorVm.Contracts.Engine;

namespace ActorVm.Contracts.Execution;

/// <summary>
/// Terminates a call that runs past its time limit, counted in the CPU time of the thread running it
/// (<see cref="ThreadCpuClock"/>): a machine busy with other work runs the call more slowly but does
/// not cut it short. A call that makes no progress at all (blocked) is stopped after
/// <see cref="WallClockFactor"/> times its limit of wall-clock time. Arming and disarming only record
/// the call; the one timer is left running and, when it fires before the budget is spent, waits again
/// for the rest, so back-to-back calls cost no timer changes.
/// Reading a thread's CPU clock is a system call, so arming reads none: the timer's first look at a
/// call takes its starting point, and the budget counts from there. A call is thus never cut short
/// before its limit, and runs at most the time from arming to that first look (itself at most the
/// limit) beyond it.
/// </summary>
internal sealed class ExecutionWatchdog : IDisposable
{
    private const int WallClockFactor = 50;

    private readonly Lock _gate = new();
    private readonly Timer _timer;
    private V8Isolate? _isolate;
    private ThreadCpuClock _clock;
    private double _cpuStart;
    private double _cpuLimit;
    private long _wallDeadline;
    private bool _fired;
    private bool _scheduled;
    private long _dueAt;

    public ExecutionWatchdog() => _timer = new Timer(_ => Tick());

    /// <summary>Starts watching the calling thread's call.</summary>
    public void Arm(V8Isolate isolate, TimeSpan limit)
    {
        var clock = ThreadCpuClock.Current();
        lock (_gate)
        {
            _isolate = isolate;
            _clock = clock;
            _cpuStart = double.NaN;
            _cpuLimit = limit.TotalMilliseconds;
            _wallDeadline = Environment.TickCount64 + (long)(limit.TotalMilliseconds * WallClockFactor);
            _fired = false;
            // A timer due after this call's budget could run out (set for a longer limit) is brought forward.
            if (_scheduled && _dueAt <= Environment.TickCount64 + (long)_cpuLimit) return;
            Schedule((long)Math.Ceiling(_cpuLimit));
        }
    }

    /// <summary>Whether the watched call has been terminated for running too long (it goes on being watched).</summary>
    public bool Fired
    {
        get
        {
            lock (_gate) return _isolate is not null && _fired;
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
            var now = _clock.Milliseconds;
            // An unreadable clock (its thread is gone) ends the call.
            if (now == double.MaxValue) now = double.PositiveInfinity;
            else if (double.IsNaN(_cpuStart)) _cpuStart = now;
            // CPU time cannot run faster than wall time: what is left of the budget is the soonest it can end.
            var left = _cpuLimit - (now - _cpuStart);
            if (left > 0 && Environment.TickCount64 < _wallDeadline)
            {
                Schedule(Math.Max(1, (long)Math.Ceiling(left)));
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
