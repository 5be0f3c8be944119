using ActorVm.Actors.Runtime;
using ActorVm.Actors.Runtime.Routing;
using static ActorVm.Actors.Tests.Runtime.TestActors;

namespace ActorVm.Actors.Tests.Routing;

/// <summary>Akka's DefaultResizer: the formulas with Akka's own test vectors, then the resizer at work in a pool.</summary>
public sealed class ResizerTests : TestKit.TestKit
{
    [Fact]
    public void Capacity_with_no_routees_is_the_lower_bound()
    {
        var resizer = new DefaultResizer(lowerBound: 2, upperBound: 3);

        Assert.Equal(2, resizer.Capacity([]));
    }

    [Fact]
    public void Capacity_of_idle_routees_within_bounds_is_unchanged()
    {
        var resizer = new DefaultResizer(lowerBound: 2, upperBound: 3);
        var routees = new[] { Sys.ActorOf(Props.Create(() => new Echo())), Sys.ActorOf(Props.Create(() => new Echo())) };

        Assert.Equal(0, resizer.Capacity(routees));
    }

    [Theory]
    [InlineData(9, 10, 0)]
    [InlineData(5, 5, 1)]
    [InlineData(6, 6, 2)]
    public void Rampup_follows_akkas_vectors(int pressure, int capacity, int expected)
    {
        var resizer = new DefaultResizer(lowerBound: 2, upperBound: 10, rampupRate: 0.2);

        Assert.Equal(expected, resizer.Rampup(pressure, capacity));
    }

    [Theory]
    [InlineData(10, 10, 0)]
    [InlineData(4, 10, 0)]
    [InlineData(3, 10, 0)]
    [InlineData(2, 10, -1)]
    [InlineData(0, 10, -1)]
    [InlineData(1, 9, -1)]
    [InlineData(0, 9, -1)]
    public void Backoff_follows_akkas_vectors(int pressure, int capacity, int expected)
    {
        var resizer = new DefaultResizer(lowerBound: 2, upperBound: 10, backoffThreshold: 0.3, backoffRate: 0.1);

        Assert.Equal(expected, resizer.Backoff(pressure, capacity));
    }

    [Fact]
    public void Capacity_never_proposes_more_than_the_upper_bound()
    {
        using var gate = new ManualResetEventSlim();
        var resizer = new DefaultResizer(lowerBound: 1, upperBound: 3, pressureThreshold: 0, rampupRate: 1.0);
        var routees = BusyRoutees(3, gate);

        Assert.Equal(0, resizer.Capacity(routees));
        gate.Set();
    }

    [Fact]
    public void Pressure_below_threshold_one_counts_the_routees_currently_processing()
    {
        using var gate = new ManualResetEventSlim();
        var resizer = new DefaultResizer(pressureThreshold: 0);
        var busy = BusyRoutees(2, gate);
        var idle = Sys.ActorOf(Props.Create(() => new Echo()));

        Assert.Equal(2, resizer.Pressure([.. busy, idle]));
        gate.Set();
    }

    [Fact]
    public void Pressure_at_threshold_one_counts_busy_routees_with_messages_waiting()
    {
        using var gate = new ManualResetEventSlim();
        var resizer = new DefaultResizer(pressureThreshold: 1);
        var busy = BusyRoutees(2, gate);
        busy[0].Tell("queued");

        Assert.Equal(1, resizer.Pressure(busy));
        gate.Set();
    }

    [Fact]
    public void Pressure_above_one_counts_routees_with_at_least_that_many_queued()
    {
        using var gate = new ManualResetEventSlim();
        var resizer = new DefaultResizer(pressureThreshold: 2);
        var busy = BusyRoutees(2, gate);
        busy[0].Tell("q1");
        busy[0].Tell("q2");
        busy[1].Tell("q1");

        Assert.Equal(1, resizer.Pressure(busy));
        gate.Set();
    }

    [Fact]
    public void Time_for_resize_comes_every_messages_per_resize()
    {
        var resizer = new DefaultResizer(messagesPerResize: 3);

        Assert.Equal([true, false, false, true, false], Enumerable.Range(0, 5).Select(i => resizer.IsTimeForResize(i)));
    }

    [Fact]
    public void Invalid_parameters_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new DefaultResizer(lowerBound: -1));
        Assert.Throws<ArgumentException>(() => new DefaultResizer(lowerBound: 3, upperBound: 2));
        Assert.Throws<ArgumentException>(() => new DefaultResizer(messagesPerResize: 0));
        Assert.Throws<ArgumentException>(() => new DefaultResizer(backoffThreshold: 1.5));
    }

    [Fact]
    public void An_idle_pool_with_a_resize_interval_shrinks_on_its_own_timer_without_messages()
    {
        var resizer = new DefaultResizer(lowerBound: 1, upperBound: 4, backoffThreshold: 0.5, backoffRate: 0.5);
        // Four idle routees: the resize at start backs off to two, only the timer's resizes go further.
        var router = Sys.ActorOf(Props.Create(() => new Echo()).WithRouter(
            new IdleFirstPool(4) { Resizer = resizer, ResizeInterval = TimeSpan.FromMilliseconds(20) }));

        AwaitAssert(() => Assert.Equal(1, RouteeCount(router)), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void A_router_answers_how_many_routees_it_has_and_how_busy_they_are()
    {
        using var gate = new ManualResetEventSlim();
        var probe = CreateTestProbe();
        var router = Sys.ActorOf(Props.Create(() => new Gated(gate, probe)).WithRouter(new RoundRobinPool(2)));
        AwaitAssert(() => Assert.Equal(2, RouteeCount(router)));

        for (var i = 0; i < 4; i++) router.Tell($"work {i}");

        AwaitAssert(() =>
        {
            router.Tell(GetRouteeStatistics.Instance, TestActor);
            Assert.Equal(new RouteeStatistics(2, 2, 2), ExpectMsg<RouteeStatistics>());
        });
        gate.Set();
    }

    [Fact]
    public void A_resizable_pool_starts_at_its_lower_bound()
    {
        var router = Sys.ActorOf(Props.Create(() => new Echo()).WithRouter(
            new RoundRobinPool(0) { Resizer = new DefaultResizer(lowerBound: 3, upperBound: 5) }));

        AwaitAssert(() => Assert.Equal(3, RouteeCount(router)));
    }

    [Fact]
    public void A_pool_grows_while_its_routees_are_busy_and_shrinks_when_they_are_idle()
    {
        using var gate = new ManualResetEventSlim();
        var probe = CreateTestProbe();
        var resizer = new DefaultResizer(lowerBound: 1, upperBound: 4, pressureThreshold: 0, rampupRate: 1.0,
            backoffThreshold: 0.5, backoffRate: 0.5, messagesPerResize: 1);
        var router = Sys.ActorOf(Props.Create(() => new Gated(gate, probe)).WithRouter(new IdleFirstPool(1) { Resizer = resizer }));

        AwaitAssert(() =>
        {
            router.Tell("work");
            Assert.Equal(4, RouteeCount(router));
        });

        gate.Set();
        AwaitAssert(() =>
        {
            router.Tell("idle");
            Assert.Equal(1, RouteeCount(router));
        }, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void A_removed_routee_finishes_the_messages_already_in_its_mailbox()
    {
        using var gate = new ManualResetEventSlim();
        var probe = CreateTestProbe();
        var router = Sys.ActorOf(Props.Create(() => new Gated(gate, probe)).WithRouter(new RoundRobinPool(2)));
        AwaitAssert(() => Assert.Equal(2, RouteeCount(router)));
        for (var i = 0; i < 6; i++) router.Tell(i);

        router.Tell(new AdjustPoolSize(-1));
        AwaitAssert(() => Assert.Equal(1, RouteeCount(router)));
        gate.Set();

        var done = Enumerable.Range(0, 12).Select(_ => probe.ExpectMsg<(string Phase, object Message, IActorRef)>())
            .Where(m => m.Phase == "done").Select(m => (int)m.Message).Order();
        Assert.Equal(Enumerable.Range(0, 6), done);
    }

    private IActorRef[] BusyRoutees(int count, ManualResetEventSlim gate)
    {
        var probe = CreateTestProbe();
        var routees = Enumerable.Range(0, count).Select(_ => Sys.ActorOf(Props.Create(() => new Gated(gate, probe)))).ToArray();
        foreach (var routee in routees) routee.Tell("work");
        for (var i = 0; i < count; i++) probe.ExpectMsg<(string, object, IActorRef)>(m => m.Item1 == "started");
        return routees;
    }

    private int RouteeCount(IActorRef router)
    {
        router.Tell(GetRoutees.Instance, TestActor);
        return ExpectMsg<Routees>().Members.Count;
    }
}
