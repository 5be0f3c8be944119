using System.Runtime.InteropServices;

namespace ActorVm.Contracts.Execution;

/// <summary>
/// The CPU time one thread has used, readable from any thread (Linux: pthread_getcpuclockid). A call's
/// time limit counts its worker thread's CPU time, so that other processes and threads competing for
/// the cores do not decide whether a call finishes.
/// </summary>
internal readonly partial struct ThreadCpuClock
{
    private readonly int _clock;

    private ThreadCpuClock(int clock) => _clock = clock;

    /// <summary>The calling thread's clock.</summary>
    public static ThreadCpuClock Current()
    {
        if (pthread_getcpuclockid(pthread_self(), out var clock) != 0)
            throw new InvalidOperationException("the thread's CPU clock is not available");
        return new ThreadCpuClock(clock);
    }

    /// <summary>CPU time used by the thread, in milliseconds.</summary>
    public double Milliseconds
    {
        get
        {
            if (clock_gettime(_clock, out var t) != 0) return double.MaxValue;
            return t.Seconds * 1000.0 + t.Nanoseconds / 1e6;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc")]
    private static partial nint pthread_self();

    [LibraryImport("libc")]
    private static partial int pthread_getcpuclockid(nint thread, out int clock);

    [LibraryImport("libc")]
    private static partial int clock_gettime(int clock, out TimeSpec time);
}
