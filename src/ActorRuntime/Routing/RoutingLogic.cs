namespace ActorVm.Actors.Runtime.Routing;

/// <summary>Picks the routee of a message. Called from any sender's thread: thread-safe, lock-free.</summary>
internal abstract class RoutingLogic
{
    public virtual bool IsBroadcast => false;

    /// <summary>The routee for the message (never called with no routees), or null to drop it to dead letters.</summary>
    public abstract ActorCell? Select(object message, ActorCell[] routees);
}

internal sealed class RoundRobinRoutingLogic : RoutingLogic
{
    private long _next = -1;

    public override ActorCell Select(object message, ActorCell[] routees) =>
        routees[(int)((ulong)Interlocked.Increment(ref _next) % (ulong)routees.Length)];
}

internal sealed class BroadcastRoutingLogic : RoutingLogic
{
    public override bool IsBroadcast => true;

    public override ActorCell? Select(object message, ActorCell[] routees) => null;
}

internal sealed class SmallestMailboxRoutingLogic : RoutingLogic
{
    public override ActorCell Select(object message, ActorCell[] routees)
    {
        ActorCell best = routees[0];
        var bestScore = long.MaxValue;
        foreach (var routee in routees)
        {
            var queued = routee.QueueLength;
            if (queued == 0 && !routee.IsProcessing) return routee;
            if (queued < bestScore)
            {
                best = routee;
                bestScore = queued;
            }
        }
        return best;
    }
}

internal sealed class IdleFirstRoutingLogic : RoutingLogic
{
    private long _start = -1;

    public override ActorCell Select(object message, ActorCell[] routees)
    {
        // Starting the scan at a moving offset spreads ties instead of piling them on the first routee.
        var start = (int)((ulong)Interlocked.Increment(ref _start) % (ulong)routees.Length);
        ActorCell best = routees[start];
        var bestLoad = int.MaxValue;
        for (var i = 0; i < routees.Length; i++)
        {
            var routee = routees[(start + i) % routees.Length];
            // A routee still starting counts as busy, and as busier than one handling a message: it
            // answers only once it has started, which may take longer than a message.
            var starting = !routee.IsStarted;
            var processing = routee.IsProcessing || starting;
            var queued = routee.QueueLength;
            if (!processing && queued == 0) return routee;
            var load = queued + (processing ? 1 : 0) + (starting ? 1 : 0);
            if (load < bestLoad)
            {
                best = routee;
                bestLoad = load;
            }
        }
        return best;
    }
}
