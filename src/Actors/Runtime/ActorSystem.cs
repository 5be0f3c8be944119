using System.Collections.Concurrent;

namespace ActorVm.Actors.Runtime;

/// <summary>Where a system reports failures of its actors.</summary>
public interface IActorLog
{
    void Error(Exception error, string message);
}

internal sealed class ConsoleActorLog : IActorLog
{
    public void Error(Exception error, string message) => Console.Error.WriteLine($"[actors] {message}: {error}");
}

/// <summary>The home of a tree of actors: creates top-level actors and shuts them all down.</summary>
public sealed class ActorSystem : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ActorCell> _topLevel = new();
    private readonly IDispatcher _default;
    private long _deadLetterCount;

    private ActorSystem(string name, int throughput, IActorLog log)
    {
        Name = name;
        Log = log;
        _default = new ThreadPoolDispatcher(throughput);
        DeadLetters = new DeadLetterRef(this);
    }

    public static ActorSystem Create(string name, int throughput = 30, IActorLog? log = null) =>
        new(name, throughput, log ?? new ConsoleActorLog());

    public string Name { get; }
    public IActorLog Log { get; }
    public IActorRef DeadLetters { get; }

    /// <summary>How many messages went to dead letters.</summary>
    public long DeadLetterCount => Interlocked.Read(ref _deadLetterCount);

    public IActorRef ActorOf(Props props, string name)
    {
        var cell = new ActorCell(this, props, $"/user/{name}", null);
        if (!_topLevel.TryAdd(name, cell)) throw new InvalidOperationException($"/user/{name} already exists");
        cell.Start();
        return cell;
    }

    public void Stop(IActorRef actor)
    {
        if (actor is ActorCell cell) cell.RequestStop();
    }

    /// <summary>Stops every actor, children before parents, and waits for them up to the timeout.</summary>
    public async Task Terminate(TimeSpan? timeout = null)
    {
        var cells = _topLevel.Values.ToList();
        cells.ForEach(c => c.RequestStop());
        await Task.WhenAll(cells.Select(c => c.WhenTerminated)).WaitAsync(timeout ?? TimeSpan.FromSeconds(10));
    }

    public ValueTask DisposeAsync() => new(Terminate());

    internal IDispatcher DispatcherFor(Props props, string path) =>
        props.Dispatcher == Dispatchers.Pinned ? new PinnedDispatcher(path) : _default;

    internal void Forget(ActorCell cell)
    {
        if (cell.Parent is null) _topLevel.TryRemove(cell.Path["/user/".Length..], out _);
    }

    private sealed class DeadLetterRef(ActorSystem system) : IActorRef
    {
        public string Path => "/deadLetters";

        public void Tell(object message, IActorRef? sender = null) => Interlocked.Increment(ref system._deadLetterCount);
    }
}
