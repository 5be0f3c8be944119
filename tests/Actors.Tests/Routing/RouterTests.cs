using ActorVm.Actors.Runtime;
using ActorVm.Actors.Runtime.Routing;
using static ActorVm.Actors.Tests.Runtime.TestActors;

namespace ActorVm.Actors.Tests.Routing;

public sealed class RouterTests : TestKit.TestKit
{
    /// <summary>Replies with its own reference, so a test sees which routee got a message.</summary>
    private sealed class WhoAmI : ActorBase
    {
        public WhoAmI() => ReceiveAny(m => Sender.Tell((Self, m)));
    }

    private IActorRef Pool(Pool pool, Props? props = null)
    {
        var router = Sys.ActorOf((props ?? Props.Create(() => new WhoAmI())).WithRouter(pool));
        AwaitAssert(() => Assert.Equal(pool.NrOfInstances, Routees(router).Count));
        return router;
    }

    private IReadOnlyList<IActorRef> Routees(IActorRef router)
    {
        router.Tell(GetRoutees.Instance, TestActor);
        return ExpectMsg<Routees>().Members;
    }

    private IActorRef RouteeOf(object message)
    {
        var (routee, echoed) = ExpectMsg<(IActorRef, object)>();
        Assert.Equal(message, echoed);
        return routee;
    }

    [Fact]
    public void Round_robin_gives_each_routee_a_message_in_turn()
    {
        var router = Pool(new RoundRobinPool(3));

        var routees = Enumerable.Range(0, 6).Select(i =>
        {
            router.Tell(i, TestActor);
            return RouteeOf(i);
        }).ToList();

        Assert.Equal(3, routees.Distinct().Count());
        Assert.Equal(routees.Take(3), routees.Skip(3));
    }

    [Fact]
    public void Broadcast_pool_sends_every_message_to_every_routee()
    {
        var router = Pool(new BroadcastPool(3));

        router.Tell("all", TestActor);

        Assert.Equal(3, Enumerable.Range(0, 3).Select(_ => RouteeOf("all")).Distinct().Count());
    }

    [Fact]
    public void A_broadcast_message_reaches_every_routee_of_any_pool()
    {
        var router = Pool(new RoundRobinPool(3));

        router.Tell(new Broadcast("all"), TestActor);

        Assert.Equal(3, Enumerable.Range(0, 3).Select(_ => RouteeOf("all")).Distinct().Count());
    }

    [Fact]
    public void Consistent_hashing_sends_the_same_key_to_the_same_routee()
    {
        var router = Pool(new ConsistentHashingPool(4, m => m is string s ? s[..1] : null));

        var first = Enumerable.Range(0, 5).Select(i =>
        {
            router.Tell($"a{i}", TestActor);
            return RouteeOf($"a{i}");
        }).Distinct().ToList();

        Assert.Single(first);
    }

    [Fact]
    public void Consistent_hashing_spreads_different_keys_over_routees()
    {
        var router = Pool(new ConsistentHashingPool(4));

        var routees = Enumerable.Range(0, 40).Select(i =>
        {
            router.Tell(new ConsistentHashableEnvelope(i, $"key-{i}"), TestActor);
            return RouteeOf(i);
        }).Distinct().Count();

        Assert.True(routees >= 3, $"40 keys reached only {routees} of 4 routees");
    }

    [Fact]
    public void Consistent_hashing_without_a_key_sends_the_message_to_dead_letters()
    {
        var router = Pool(new ConsistentHashingPool(2));

        router.Tell(42, TestActor);

        ExpectDeadLetter<int>(m => m == 42);
    }

    [Fact]
    public void Smallest_mailbox_prefers_an_idle_routee()
    {
        using var gate = new ManualResetEventSlim();
        var probe = CreateTestProbe();
        var router = Pool(new SmallestMailboxPool(2), Props.Create(() => new Gated(gate, probe)));

        router.Tell("first");
        var busy = probe.ExpectMsg<(string, object, IActorRef Routee)>().Routee;
        router.Tell("second");
        var other = probe.ExpectMsg<(string, object, IActorRef Routee)>().Routee;

        Assert.NotSame(busy, other);
        gate.Set();
    }

    [Fact]
    public void Idle_first_gives_no_work_to_a_busy_routee_while_another_is_idle()
    {
        using var gate = new ManualResetEventSlim();
        var probe = CreateTestProbe();
        var router = Pool(new IdleFirstPool(3), Props.Create(() => new Gated(gate, probe)));

        var started = Enumerable.Range(0, 3).Select(i =>
        {
            router.Tell(i);
            return probe.ExpectMsg<(string, object, IActorRef Routee)>(m => m.Item1 == "started").Routee;
        }).ToList();

        Assert.Equal(3, started.Distinct().Count());
        gate.Set();
    }

    [Fact]
    public void Idle_first_gives_no_work_to_a_routee_still_starting_while_another_is_idle()
    {
        using var gate = new ManualResetEventSlim();
        using var otherStarted = new ManualResetEventSlim();
        var created = 0;
        var router = Pool(new IdleFirstPool(2), Props.Create(() => Interlocked.Increment(ref created) == 1
            ? new WhoAmIAfter(gate, null)
            : new WhoAmIAfter(null, otherStarted)));
        // The other routee is idle (started) before any work is routed, as the behaviour requires.
        Assert.True(otherStarted.Wait(TimeSpan.FromSeconds(30)));

        var routees = Enumerable.Range(0, 4).Select(i =>
        {
            router.Tell(i, TestActor);
            return RouteeOf(i);
        }).ToList();

        Assert.Single(routees.Distinct());
        gate.Set();
    }

    /// <summary>
    /// Replies with its own reference, after a PreStart that waits for its gate when it has one, and
    /// says it has started when asked to.
    /// </summary>
    private sealed class WhoAmIAfter : ActorBase
    {
        private readonly ManualResetEventSlim? _gate;
        private readonly ManualResetEventSlim? _started;

        public WhoAmIAfter(ManualResetEventSlim? gate, ManualResetEventSlim? started = null)
        {
            _gate = gate;
            _started = started;
            ReceiveAny(m => Sender.Tell((Self, m)));
        }

        protected internal override void PreStart()
        {
            _gate?.Wait();
            _started?.Set();
        }
    }

    [Fact]
    public void Routees_are_children_of_the_router()
    {
        var router = Pool(new RoundRobinPool(2));

        Assert.All(Routees(router), r => Assert.StartsWith(router.Path + "/", r.Path));
    }

    [Fact]
    public void A_failed_routee_is_restarted_alone_by_default()
    {
        var router = Pool(new BroadcastPool(2), Props.Create(() => new Counter()));
        var routees = Routees(router);
        router.Tell("inc");

        routees[0].Tell(new InvalidOperationException("fail"));

        routees[0].Tell("get", TestActor);
        ExpectMsg(0);
        routees[1].Tell("get", TestActor);
        ExpectMsg(1);
    }

    [Fact]
    public void The_pool_strategy_supervises_the_routees()
    {
        var router = Pool(new RoundRobinPool(2) { SupervisorStrategy = SupervisorStrategy.Stopping }, Props.Create(() => new Counter()));
        var routee = Routees(router)[0];
        Watch(routee);

        routee.Tell(new InvalidOperationException("fail"));

        ExpectTerminated(routee);
        AwaitAssert(() => Assert.Single(Routees(router)));
    }

    [Fact]
    public void Adjust_pool_size_adds_routees()
    {
        var router = Pool(new RoundRobinPool(1));

        router.Tell(new AdjustPoolSize(2));

        AwaitAssert(() => Assert.Equal(3, Routees(router).Count));
    }

    /// <summary>Shrinks a pool of two to one and waits until the removed routee has stopped.</summary>
    private (IActorRef Live, IActorRef Removed) ShrinkToOne(IActorRef router)
    {
        var before = Routees(router);
        router.Tell(new AdjustPoolSize(-1));
        AwaitAssert(() => Assert.Single(Routees(router)));
        var live = Routees(router).Single();
        var removed = before.Single(r => !ReferenceEquals(r, live));
        Watch(removed);
        ExpectTerminated(removed);
        return (live, removed);
    }

    [Fact]
    public void A_message_routed_to_a_routee_the_pool_has_since_removed_and_stopped_goes_to_a_live_routee()
    {
        var router = Pool(new RoundRobinPool(2));
        var (live, removed) = ShrinkToOne(router);

        // As the router delivers for a sender that chose the routee just before its removal and was
        // held up until it had stopped.
        ActorCell.AsCell(removed)!.TellRouted("late", TestActor);

        Assert.Same(live, RouteeOf("late"));
    }

    [Fact]
    public void A_message_told_directly_to_a_removed_and_stopped_routee_goes_to_dead_letters()
    {
        var router = Pool(new RoundRobinPool(2));
        var (_, removed) = ShrinkToOne(router);

        removed.Tell("mine alone", TestActor);

        ExpectDeadLetter<string>(m => m == "mine alone");
    }

    [Fact]
    public void A_pool_without_resizer_stops_when_its_last_routee_is_gone()
    {
        var router = Pool(new RoundRobinPool(1));
        Watch(router);

        Sys.Stop(Routees(router)[0]);

        ExpectTerminated(router);
    }

    [Fact]
    public async Task Ask_through_a_router_gets_the_routee_reply()
    {
        var router = Pool(new RoundRobinPool(2), Props.Create(() => new Echo()));

        Assert.Equal("hi", await router.Ask<string>("hi", TimeSpan.FromSeconds(5)));
    }
}
