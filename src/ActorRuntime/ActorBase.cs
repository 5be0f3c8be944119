namespace ActorVm.Actors.Runtime;

/// <summary>
/// An actor, in the style of Akka.NET's ReceiveActor: typed handlers registered in the constructor
/// (or by Become), tried in registration order. State is private and changed only inside handlers,
/// which never run concurrently. Instances are made only by the runtime, from <see cref="Props"/>.
/// </summary>
public abstract class ActorBase
{
    private readonly ActorCell _cell;
    private List<Handler> _handlers = [];
    private readonly Stack<List<Handler>> _behaviors = new();

    private sealed record Handler(Type Type, Func<object, bool>? When, Func<object, Task?> Handle);

    protected ActorBase()
    {
        _cell = ActorCell.Creating ?? throw new InvalidOperationException(
            $"{GetType().Name} is an actor: create it with Props.Create and ActorOf, not with new");
    }

    protected IActorContext Context => _cell;
    protected IActorRef Self => _cell.Self;
    protected IActorRef Sender => _cell.Sender;
    protected ITimerScheduler Timers => _cell.Timers;
    protected IStash Stash => _cell.Stash;
    protected LoggingAdapter Log => _cell.Log;

    /// <summary>How this actor supervises its children; Akka's default unless overridden.</summary>
    protected internal virtual SupervisorStrategy SupervisorStrategy() => Runtime.SupervisorStrategy.Default;

    protected void Receive<T>(Action<T> handler, Func<T, bool>? when = null) =>
        _handlers.Add(new(typeof(T), when is null ? null : m => when((T)m), m =>
        {
            handler((T)m);
            return null;
        }));

    protected void Receive<T>(Func<T, bool> when, Action<T> handler) => Receive(handler, when);

    /// <summary>An async handler: the mailbox takes no other user message until its task completes.</summary>
    protected void ReceiveAsync<T>(Func<T, Task> handler, Func<T, bool>? when = null) =>
        _handlers.Add(new(typeof(T), when is null ? null : m => when((T)m), m => _cell.RunAsyncHandler(() => handler((T)m))));

    protected void ReceiveAsync<T>(Func<T, bool> when, Func<T, Task> handler) => ReceiveAsync(handler, when);

    protected void ReceiveAny(Action<object> handler) => Receive(handler);

    /// <summary>Replaces the current handlers with those <paramref name="configure"/> registers.</summary>
    protected internal void Become(Action configure)
    {
        _handlers = [];
        configure();
    }

    /// <summary>Like Become, keeping the current handlers to return to with UnbecomeStacked.</summary>
    protected internal void BecomeStacked(Action configure)
    {
        _behaviors.Push(_handlers);
        Become(configure);
    }

    protected internal void UnbecomeStacked()
    {
        if (_behaviors.Count > 0) _handlers = _behaviors.Pop();
    }

    protected internal virtual void PreStart() { }

    protected internal virtual void PostStop() { }

    /// <summary>Before a restart, on the failed instance: by default stops all children, then PostStop.</summary>
    protected internal virtual void PreRestart(Exception reason, object? message)
    {
        foreach (var child in Context.Children) Context.Stop(child);
        PostStop();
    }

    /// <summary>After a restart, on the new instance: by default PreStart.</summary>
    protected internal virtual void PostRestart(Exception reason) => PreStart();

    /// <summary>A message no handler took. An unhandled Terminated fails the actor (death pact), as in Akka.</summary>
    protected virtual void Unhandled(object message)
    {
        if (message is Terminated terminated) throw new DeathPactException(terminated.ActorRef);
        _cell.System.EventStream.Publish(new UnhandledMessage(message, _cell.Sender, Self));
    }

    /// <summary>Runs the first matching handler; a task when it is async.</summary>
    internal Task? ReceiveMessage(object message)
    {
        foreach (var handler in _handlers)
        {
            if (handler.Type.IsInstanceOfType(message) && (handler.When is null || handler.When(message)))
                return handler.Handle(message);
        }
        Unhandled(message);
        return null;
    }
}

/// <summary>A message an actor did not handle, published on the event stream.</summary>
public sealed record UnhandledMessage(object Message, IActorRef? Sender, IActorRef Recipient);
