namespace ActorVm.Actors.Runtime.Routing;

/// <summary>
/// The reference of a pool router. Messages are routed on the sender's thread, straight into the
/// chosen routee's mailbox, as in Akka; management messages go to the router actor.
/// </summary>
public sealed class RouterActorRef : IActorRef
{
    private readonly RoutingLogic _logic;
    private readonly Resizer? _resizer;
    private ActorCell? _cell;
    private volatile ActorCell[] _routees = [];
    private long _messages;
    internal int ResizeInProgress;

    internal RouterActorRef(Pool pool)
    {
        _logic = pool.CreateLogic();
        _resizer = pool.Resizer;
    }

    internal ActorCell Cell => _cell ?? throw new InvalidOperationException("the router is not attached");

    internal ActorCell[] Routees
    {
        get => _routees;
        set => _routees = value;
    }

    public string Path => Cell.Path;

    internal void Attach(ActorCell cell) => _cell = cell;

    internal void ResizeDone() => Volatile.Write(ref ResizeInProgress, 0);

    public void Tell(object message, IActorRef? sender = null)
    {
        sender ??= ActorCell.CurrentSelf;
        switch (message)
        {
            case GetRoutees or GetRouteeStatistics or AdjustPoolSize or PoisonPill or Kill or ResizeRequest:
                Cell.Tell(message, sender);
                return;
            case Broadcast broadcast:
                foreach (var routee in _routees) routee.Tell(broadcast.Message, sender);
                return;
        }
        if (_resizer is not null && _resizer.IsTimeForResize(Interlocked.Increment(ref _messages) - 1)
            && Interlocked.CompareExchange(ref ResizeInProgress, 1, 0) == 0)
            Cell.Tell(ResizeRequest.Instance, this);

        var routees = _routees;
        if (routees.Length == 0)
        {
            // The pool makes its routees when its actor starts: what arrives before waits in that
            // actor's mailbox and is routed once they exist (Akka makes them before actorOf returns).
            if (!Cell.IsStarted) Cell.Tell(new Unrouted(message), sender);
            else Cell.System.PublishDeadLetter(message, sender, this);
            return;
        }
        if (_logic.IsBroadcast)
        {
            foreach (var routee in routees) routee.Tell(message, sender);
            return;
        }
        var payload = message is ConsistentHashableEnvelope envelope ? envelope.Message : message;
        if (_logic.Select(message, routees) is { } target) target.TellRouted(payload, sender);
        else Cell.System.PublishDeadLetter(message, sender, this);
    }

    public override string ToString() => Path;
}

/// <summary>A message that reached the router before its routees existed.</summary>
internal sealed record Unrouted(object Message);
