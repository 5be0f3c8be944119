using System.Collections.Concurrent;
using ActorVm.Actors.Runtime;

namespace ActorVm.Actors.TestKit;

/// <summary>
/// An actor reference whose messages the test reads in order, with expectations that wait at most
/// their timeout (by default 3 s, or what is left of an enclosing Within).
/// </summary>
public sealed class TestProbe : IActorRef
{
    private readonly BlockingCollection<(object Message, IActorRef? Sender)> _queue = new();
    private readonly TestKit _kit;
    private object? _lastMessage;

    internal TestProbe(TestKit kit, string name)
    {
        _kit = kit;
        Path = $"/test/{name}";
    }

    public string Path { get; }

    /// <summary>The sender of the last message received.</summary>
    public IActorRef? LastSender { get; private set; }

    public void Tell(object message, IActorRef? sender = null) => _queue.Add((message, sender ?? ActorCell.CurrentSelf));

    /// <summary>Sends with this probe as the sender.</summary>
    public void Send(IActorRef target, object message) => target.Tell(message, this);

    public void Reply(object message) =>
        (LastSender ?? throw new TestKitException("no message has been received to reply to")).Tell(message, this);

    /// <summary>Forwards the last message received to the target, with its original sender.</summary>
    public void Forward(IActorRef target) =>
        target.Tell(_lastMessage ?? throw new TestKitException("no message has been received to forward"), LastSender);

    public object ReceiveOne(TimeSpan? timeout = null)
    {
        var wait = _kit.RemainingOr(timeout);
        if (!_queue.TryTake(out var item, wait))
            throw new TestKitException($"{Path}: timeout ({wait.TotalMilliseconds:0} ms) while waiting for a message");
        _lastMessage = item.Message;
        LastSender = item.Sender;
        return item.Message;
    }

    public T ExpectMsg<T>(TimeSpan? timeout = null)
    {
        var message = ReceiveOne(timeout);
        return message is T typed
            ? typed
            : throw new TestKitException($"{Path}: expected a message of type {typeof(T).Name}, got {Describe(message)}");
    }

    /// <summary>Expects a message equal to <paramref name="expected"/> (value equality).</summary>
    public T ExpectMsg<T>(T expected, TimeSpan? timeout = null)
    {
        var message = ExpectMsg<T>(timeout);
        return Equals(message, expected)
            ? message
            : throw new TestKitException($"{Path}: expected {Describe(expected)}, got {Describe(message)}");
    }

    public T ExpectMsg<T>(Func<T, bool> predicate, TimeSpan? timeout = null, string? hint = null)
    {
        var message = ExpectMsg<T>(timeout);
        return predicate(message)
            ? message
            : throw new TestKitException($"{Path}: {Describe(message)} does not match {hint ?? "the predicate"}");
    }

    /// <summary>Skips messages until one of type T matches; fails if none does in time.</summary>
    public T FishForMessage<T>(Func<T, bool> predicate, TimeSpan? timeout = null, string? hint = null)
    {
        var deadline = DateTime.UtcNow + _kit.RemainingOr(timeout);
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !_queue.TryTake(out var item, left))
                throw new TestKitException($"{Path}: no {typeof(T).Name} matching {hint ?? "the predicate"} arrived in time");
            _lastMessage = item.Message;
            LastSender = item.Sender;
            if (item.Message is T typed && predicate(typed)) return typed;
        }
    }

    /// <summary>Expects that no message arrives for <paramref name="duration"/>.</summary>
    public void ExpectNoMsg(TimeSpan duration)
    {
        if (_queue.TryTake(out var item, duration))
            throw new TestKitException($"{Path}: expected no message, got {Describe(item.Message)}");
    }

    /// <summary>Reads messages until none arrives for <paramref name="idle"/>.</summary>
    public List<object> ReceiveWhileArriving(TimeSpan idle)
    {
        var messages = new List<object>();
        while (_queue.TryTake(out var item, idle)) messages.Add(item.Message);
        return messages;
    }

    /// <summary>This probe receives <see cref="Terminated"/> once the target stops.</summary>
    public void Watch(IActorRef target) =>
        (ActorCell.AsCell(target) ?? throw new TestKitException($"{target.Path} cannot be watched")).AddWatcher(this);

    public void Unwatch(IActorRef target) => ActorCell.AsCell(target)?.RemoveWatcher(this);

    public Terminated ExpectTerminated(IActorRef target, TimeSpan? timeout = null) =>
        ExpectMsg<Terminated>(t => ReferenceEquals(t.ActorRef, target), timeout, $"Terminated({target.Path})");

    private static string Describe(object? message) => message switch
    {
        null => "null",
        string s => $"\"{s}\"",
        _ => $"{message} ({message.GetType().Name})",
    };

    public override string ToString() => Path;
}
