namespace ActorVm.Actors.Runtime;

/// <summary>
/// A child's restart budget, by Akka's rules: no retries means never restart; retries without a
/// window count for ever; retries within a window reset when a failure falls outside the window;
/// a window without retries allows one restart per window.
/// </summary>
internal sealed class RestartStatistics(TimeProvider clock)
{
    private int _count;
    private long _windowStart;

    public bool RequestRestartPermission(int maxNrOfRetries, TimeSpan? withinTimeRange)
    {
        if (maxNrOfRetries == 0) return false;
        var retriesDefined = maxNrOfRetries > 0;
        var windowDefined = withinTimeRange is { } w && w > TimeSpan.Zero;
        if (retriesDefined && !windowDefined) return ++_count <= maxNrOfRetries;
        if (windowDefined) return RetriesInWindowOkay(retriesDefined ? maxNrOfRetries : 1, withinTimeRange!.Value);
        return true;
    }

    private bool RetriesInWindowOkay(int retries, TimeSpan window)
    {
        var retriesDone = _count + 1;
        var now = clock.GetTimestamp();
        if (_windowStart == 0) _windowStart = now;
        if (clock.GetElapsedTime(_windowStart, now) <= window)
        {
            _count = retriesDone;
            return retriesDone <= retries;
        }
        _count = 1;
        _windowStart = now;
        return true;
    }
}
