using System.Diagnostics;
using ActorVm.Actors.Runtime;

namespace ActorVm.Actors.TestKit;

/// <summary>
/// Akka-style TestKit: an actor system per test, a <see cref="TestActor"/> to send from and expect
/// on, probes, timing blocks and assertions on dead letters and logged errors. Deliberate difference
/// from Akka.NET: there is no implicit test sender; send with <c>Tell(message, TestActor)</c>.
/// </summary>
public class TestKit : IDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(3);

    private readonly TestProbe _deadLetters;
    private readonly TestProbe _log;
    private DateTime? _deadline;
    private int _probes;

    public TestKit(ActorSystemSettings? settings = null, string name = "test")
    {
        Sys = ActorSystem.Create(name, (settings ?? new ActorSystemSettings()) with { StdErr = new StdErrLogging(LogLevel.Off) });
        TestActor = CreateTestProbe("testActor");
        _deadLetters = CreateTestProbe("deadLetters");
        _log = CreateTestProbe("log");
        Sys.EventStream.Subscribe(_deadLetters, typeof(DeadLetter));
        Sys.EventStream.Subscribe(_log, typeof(LogEvent));
    }

    public ActorSystem Sys { get; }
    public TestProbe TestActor { get; }

    public TestProbe CreateTestProbe(string? name = null) => new(this, name ?? $"probe-{Interlocked.Increment(ref _probes)}");

    public object ReceiveOne(TimeSpan? timeout = null) => TestActor.ReceiveOne(timeout);
    public T ExpectMsg<T>(TimeSpan? timeout = null) => TestActor.ExpectMsg<T>(timeout);
    public T ExpectMsg<T>(T expected, TimeSpan? timeout = null) => TestActor.ExpectMsg(expected, timeout);
    public T ExpectMsg<T>(Func<T, bool> predicate, TimeSpan? timeout = null, string? hint = null) =>
        TestActor.ExpectMsg(predicate, timeout, hint);
    public void ExpectNoMsg(TimeSpan duration) => TestActor.ExpectNoMsg(duration);
    public void Watch(IActorRef target) => TestActor.Watch(target);
    public Terminated ExpectTerminated(IActorRef target, TimeSpan? timeout = null) => TestActor.ExpectTerminated(target, timeout);

    /// <summary>A message of type T that went to dead letters (others are skipped).</summary>
    public DeadLetter ExpectDeadLetter<T>(Func<T, bool>? predicate = null, TimeSpan? timeout = null) =>
        _deadLetters.FishForMessage<DeadLetter>(d => d.Message is T m && (predicate?.Invoke(m) ?? true), timeout,
            $"a dead letter of {typeof(T).Name}");

    /// <summary>An error logged with a cause of type TException (others are skipped).</summary>
    public LogEvent ExpectError<TException>(Func<LogEvent, bool>? predicate = null, TimeSpan? timeout = null)
        where TException : Exception =>
        _log.FishForMessage<LogEvent>(e => e.Level == LogLevel.Error && e.Cause is TException && (predicate?.Invoke(e) ?? true), timeout,
            $"an error caused by {typeof(TException).Name}");

    /// <summary>A log event at the level (others are skipped).</summary>
    public LogEvent ExpectLog(LogLevel level, Func<LogEvent, bool>? predicate = null, TimeSpan? timeout = null) =>
        _log.FishForMessage<LogEvent>(e => e.Level == level && (predicate?.Invoke(e) ?? true), timeout, $"a {level} log event");

    /// <summary>What is left of the enclosing Within, or the given or default timeout.</summary>
    public TimeSpan Remaining => _deadline is { } d ? Max(TimeSpan.Zero, d - DateTime.UtcNow) : DefaultTimeout;

    internal TimeSpan RemainingOr(TimeSpan? timeout)
    {
        var wanted = timeout ?? DefaultTimeout;
        return _deadline is null ? wanted : Min(wanted, Remaining);
    }

    /// <summary>Runs the block and fails unless it took at most <paramref name="max"/>; expectations inside wait at most the rest.</summary>
    public void Within(TimeSpan max, Action block) => Within(TimeSpan.Zero, max, () =>
    {
        block();
        return 0;
    });

    public T Within<T>(TimeSpan min, TimeSpan max, Func<T> block)
    {
        var outer = _deadline;
        var stopwatch = Stopwatch.StartNew();
        var deadline = DateTime.UtcNow + max;
        _deadline = outer is { } o && o < deadline ? o : deadline;
        try
        {
            var result = block();
            var took = stopwatch.Elapsed;
            if (took < min) throw new TestKitException($"the block took {took.TotalMilliseconds:0} ms, less than {min.TotalMilliseconds:0} ms");
            if (took > max) throw new TestKitException($"the block took {took.TotalMilliseconds:0} ms, more than {max.TotalMilliseconds:0} ms");
            return result;
        }
        finally
        {
            _deadline = outer;
        }
    }

    /// <summary>Retries the assertion until it holds or <paramref name="duration"/> has passed, then rethrows its failure.</summary>
    public void AwaitAssert(Action assertion, TimeSpan? duration = null, TimeSpan? interval = null)
    {
        var deadline = DateTime.UtcNow + RemainingOr(duration);
        var pause = interval ?? TimeSpan.FromMilliseconds(10);
        while (true)
        {
            try
            {
                assertion();
                return;
            }
            catch (Exception) when (DateTime.UtcNow + pause < deadline)
            {
                Thread.Sleep(pause);
            }
        }
    }

    /// <summary>Waits until the condition holds, failing with the hint after the timeout.</summary>
    public void AwaitCondition(Func<bool> condition, TimeSpan? timeout = null, string? hint = null) =>
        AwaitAssert(() =>
        {
            if (!condition()) throw new TestKitException($"condition not met: {hint ?? "(no hint)"}");
        }, timeout);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Terminates the actor system; a subclass releases what its actors used after calling this.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing) Sys.Terminate().GetAwaiter().GetResult();
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
