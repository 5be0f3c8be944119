namespace ActorVm.Actors.Runtime;

/// <summary>
/// An actor: typed handlers registered in its constructor, tried in registration order. State is
/// private and changed only inside handlers, which never run concurrently.
/// </summary>
public abstract class ActorBase
{
    private readonly List<(Type Type, Func<object, bool>? When, Action<object> Handle)> _handlers = [];
    private ActorCell? _cell;

    protected IActorContext Context => _cell ?? throw new InvalidOperationException("an actor is made only by its ActorSystem");
    protected IActorRef Self => Context.Self;
    protected IActorRef Sender => Context.Sender;

    internal void Attach(ActorCell cell) => _cell = cell;

    protected void Receive<T>(Action<T> handler, Func<T, bool>? when = null) =>
        _handlers.Add((typeof(T), when is null ? null : m => when((T)m), m => handler((T)m)));

    protected void Receive<T>(Func<T, bool> when, Action<T> handler) => Receive(handler, when);

    protected void ReceiveAny(Action<object> handler) => _handlers.Add((typeof(object), null, handler));

    protected internal virtual void PreStart() { }

    protected internal virtual void PostStop() { }

    /// <summary>Called for a message no handler took; it goes to dead letters.</summary>
    protected virtual void Unhandled(object message) => Context.System.DeadLetters.Tell(message, Sender);

    internal void Receive(object message)
    {
        foreach (var (type, when, handle) in _handlers)
        {
            if (!type.IsInstanceOfType(message) || (when is not null && !when(message))) continue;
            handle(message);
            return;
        }
        Unhandled(message);
    }
}
