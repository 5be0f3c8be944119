using ActorVm.Actors.Runtime;
using ActorVm.Actors.Runtime.Routing;
using BenchmarkDotNet.Attributes;

namespace ActorVm.Actors.Bench;

/// <summary>
/// The actor runtime's hot paths: tell throughput from one sender to one receiver, the ask round
/// trip, and dispatch through a round-robin pool. Figures are per message.
/// </summary>
[MemoryDiagnoser]
public class RuntimeBenchmarks
{
    private const int Messages = 1_000_000;
    private ActorSystem _system = null!;
    private IActorRef _counter = null!;
    private IActorRef _echo = null!;
    private IActorRef _router = null!;
    private CountdownTarget _target = null!;

    /// <summary>Counts messages and releases the benchmark when the expected number has arrived.</summary>
    private sealed class CountdownTarget
    {
        private long _remaining;
        private readonly ManualResetEventSlim _done = new();

        public void Expect(long count)
        {
            _done.Reset();
            Volatile.Write(ref _remaining, count);
        }

        public void Arrived()
        {
            if (Interlocked.Decrement(ref _remaining) == 0) _done.Set();
        }

        public void Wait() => _done.Wait();
    }

    private sealed class Counting : ActorBase
    {
        public Counting(CountdownTarget target) => Receive<int>(_ => target.Arrived());
    }

    private sealed class Echo : ActorBase
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m));
    }

    [GlobalSetup]
    public void Setup()
    {
        _system = ActorSystem.Create("bench");
        _target = new CountdownTarget();
        _counter = _system.ActorOf(Props.Create(() => new Counting(_target)));
        _echo = _system.ActorOf(Props.Create(() => new Echo()));
        _router = _system.ActorOf(Props.Create(() => new Counting(_target)).WithRouter(new RoundRobinPool(4)));
        Thread.Sleep(100);
    }

    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().GetAwaiter().GetResult();

    [Benchmark(OperationsPerInvoke = Messages, Description = "tell, one sender to one receiver")]
    public void Tell()
    {
        _target.Expect(Messages);
        for (var i = 0; i < Messages; i++) _counter.Tell(i);
        _target.Wait();
    }

    [Benchmark(Description = "ask round trip")]
    public Task<int> Ask() => _echo.Ask<int>(1, TimeSpan.FromSeconds(5));

    [Benchmark(OperationsPerInvoke = Messages, Description = "router dispatch, round-robin over 4")]
    public void RouterDispatch()
    {
        _target.Expect(Messages);
        for (var i = 0; i < Messages; i++) _router.Tell(i);
        _target.Wait();
    }
}
