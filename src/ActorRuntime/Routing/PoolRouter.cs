namespace ActorVm.Actors.Runtime.Routing;

/// <summary>
/// The actor behind a pool router: parent and supervisor of the routees, keeper of the routee list
/// the router ref routes over, and the one that resizes. Removed routees get a PoisonPill a little
/// later (as in Akka), so they finish what is already in their mailbox; a message routed to them that
/// reaches them after that is routed again to the routees left, not dropped to dead letters.
/// </summary>
internal sealed class PoolRouter : ActorBase
{
    private static readonly TimeSpan RemovalDelay = TimeSpan.FromMilliseconds(100);
    private readonly RouterActorRef _router;
    private readonly Pool _pool;
    private readonly Props _routeeProps;

    private PoolRouter(RouterActorRef router, Pool pool, Props routeeProps)
    {
        _router = router;
        _pool = pool;
        _routeeProps = routeeProps;
        Receive<GetRoutees>(_ => Sender.Tell(new Routees(_router.Routees.Select(r => r.PublicRef).ToList())));
        Receive<GetRouteeStatistics>(_ =>
        {
            var routees = _router.Routees;
            Sender.Tell(new RouteeStatistics(routees.Length, routees.Count(r => r.IsProcessing), routees.Sum(r => r.QueueLength)));
        });
        Receive<ResizeTick>(_ =>
        {
            // A resize already asked for by the router ref decides soon enough.
            if (Interlocked.CompareExchange(ref _router.ResizeInProgress, 1, 0) == 0) Resize();
        });
        Receive<AdjustPoolSize>(m => Adjust(m.Change));
        Receive<ResizeRequest>(_ => Resize());
        Receive<Terminated>(t => RemoveTerminated(t.ActorRef));
        Receive<Unrouted>(m => _router.Tell(m.Message, Sender));
    }

    /// <summary>The props of a router cell for the pool, with its ref.</summary>
    internal static Props PropsFor(RouterActorRef router, Pool pool, Props routeeProps) =>
        Props.Create(() => new PoolRouter(router, pool, routeeProps));

    protected internal override SupervisorStrategy SupervisorStrategy() => _pool.SupervisorStrategy;

    protected internal override void PreStart()
    {
        Adjust(_pool.NrOfInstances);
        if (_pool.Resizer is null) return;
        Resize();
        if (_pool.ResizeInterval is { } interval) Timers.StartPeriodicTimer("resize", ResizeTick.Instance, interval);
    }

    private sealed record ResizeTick
    {
        public static readonly ResizeTick Instance = new();
    }

    private void Resize()
    {
        try
        {
            Adjust(_pool.Resizer!.Resize(_router.Routees.Select(r => r.PublicRef).ToList()));
        }
        finally
        {
            _router.ResizeDone();
        }
    }

    private void Adjust(int change)
    {
        if (change > 0)
        {
            var added = Enumerable.Range(0, change).Select(_ => Context.ActorOf(_routeeProps)).ToList();
            added.ForEach(Context.Watch);
            _router.Routees = [.. _router.Routees, .. added.Select(r => ActorCell.AsCell(r)!)];
        }
        else if (change < 0)
        {
            var current = _router.Routees;
            var keep = Math.Max(0, current.Length + change);
            _router.Routees = current[..keep];
            foreach (var removed in current[keep..])
            {
                Context.Unwatch(removed);
                // A routed message that still reaches it after it stops (its sender chose it just before) is routed again.
                removed.RetireTo(_router);
                Context.System.Scheduler.ScheduleTellOnce(RemovalDelay, removed, PoisonPill.Instance);
            }
        }
    }

    private void RemoveTerminated(IActorRef routee)
    {
        _router.Routees = _router.Routees.Where(r => !ReferenceEquals(r, routee)).ToArray();
        // As in Akka, a pool without a resizer that has lost all its routees stops.
        if (_router.Routees.Length == 0 && _pool.Resizer is null) Context.Stop(Self);
    }
}
