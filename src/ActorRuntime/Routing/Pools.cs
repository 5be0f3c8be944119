namespace ActorVm.Actors.Runtime.Routing;

/// <summary>
/// A pool router's configuration: its routees are children of the router, made from the same
/// props, and supervised by <see cref="SupervisorStrategy"/>. Deliberate difference from Akka
/// (whose pools escalate): the default restarts only the failed routee.
/// </summary>
public abstract record Pool(int NrOfInstances)
{
    public Resizer? Resizer { get; init; }

    /// <summary>
    /// How often the router also resizes on its own timer, so that an idle pool shrinks (a resizer
    /// otherwise decides only as messages arrive); null: only on messages, as in Akka.
    /// </summary>
    public TimeSpan? ResizeInterval { get; init; }
    public SupervisorStrategy SupervisorStrategy { get; init; } = SupervisorStrategy.Default;

    internal abstract RoutingLogic CreateLogic();
}

/// <summary>Each routee in turn.</summary>
public sealed record RoundRobinPool(int NrOfInstances) : Pool(NrOfInstances)
{
    internal override RoutingLogic CreateLogic() => new RoundRobinRoutingLogic();
}

/// <summary>Akka's smallest mailbox: an idle routee, else one with an empty mailbox, else the shortest queue.</summary>
public sealed record SmallestMailboxPool(int NrOfInstances) : Pool(NrOfInstances)
{
    internal override RoutingLogic CreateLogic() => new SmallestMailboxRoutingLogic();
}

/// <summary>Every message to every routee.</summary>
public sealed record BroadcastPool(int NrOfInstances) : Pool(NrOfInstances)
{
    internal override RoutingLogic CreateLogic() => new BroadcastRoutingLogic();
}

/// <summary>
/// The same key always reaches the same routee while the routees stay the same. The key comes from
/// a <see cref="ConsistentHashableEnvelope"/>, an <see cref="IConsistentHashable"/> message, or the
/// hash mapping, in that order; a message without a key goes to dead letters.
/// </summary>
public sealed record ConsistentHashingPool(int NrOfInstances, Func<object, object?>? HashMapping = null, int VirtualNodesFactor = 10)
    : Pool(NrOfInstances)
{
    internal override RoutingLogic CreateLogic() => new ConsistentHashingRoutingLogic(HashMapping, VirtualNodesFactor);
}

/// <summary>A busy routee (handling a message or with a queue) gets work only when no routee is idle.</summary>
public sealed record IdleFirstPool(int NrOfInstances) : Pool(NrOfInstances)
{
    internal override RoutingLogic CreateLogic() => new IdleFirstRoutingLogic();
}
