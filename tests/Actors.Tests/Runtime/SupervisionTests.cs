using ActorVm.Actors.Runtime;
using ActorVm.Actors.TestKit;
using static ActorVm.Actors.Tests.Runtime.TestActors;

namespace ActorVm.Actors.Tests.Runtime;

public sealed class SupervisionTests() : TestKit.TestKit(new ActorSystemSettings { Clock = Clock })
{
    private static readonly ManualClock Clock = new();

    private IActorRef ChildOf(SupervisorStrategy strategy, out IActorRef supervisor)
    {
        supervisor = Sys.ActorOf(Props.Create(() => new Supervisor(strategy)));
        supervisor.Tell(Props.Create(() => new Counter()), TestActor);
        return ExpectMsg<IActorRef>();
    }

    private int CountOf(IActorRef counter)
    {
        counter.Tell("get", TestActor);
        return ExpectMsg<int>();
    }

    [Fact]
    public void Resume_keeps_the_state_and_drops_the_failing_message()
    {
        var child = ChildOf(new OneForOneStrategy(_ => Directive.Resume), out _);
        child.Tell("inc");

        child.Tell(new InvalidOperationException("fail"));

        Assert.Equal(1, CountOf(child));
    }

    [Fact]
    public void Restart_replaces_the_instance_and_its_state()
    {
        var child = ChildOf(new OneForOneStrategy(_ => Directive.Restart), out _);
        child.Tell("inc");

        child.Tell(new InvalidOperationException("fail"));

        Assert.Equal(0, CountOf(child));
    }

    [Fact]
    public void Stop_stops_the_failed_child()
    {
        var child = ChildOf(new OneForOneStrategy(_ => Directive.Stop), out _);
        Watch(child);

        child.Tell(new InvalidOperationException("fail"));

        ExpectTerminated(child);
    }

    [Fact]
    public void Escalate_fails_the_supervisor_which_its_own_supervisor_restarts()
    {
        var top = Sys.ActorOf(Props.Create(() => new Supervisor(new OneForOneStrategy(_ => Directive.Restart))));
        top.Tell(Props.Create(() => new Supervisor(new OneForOneStrategy(_ => Directive.Escalate))), TestActor);
        var middle = ExpectMsg<IActorRef>();
        middle.Tell(Props.Create(() => new Counter()), TestActor);
        var leaf = ExpectMsg<IActorRef>();
        Watch(leaf);

        leaf.Tell(new InvalidOperationException("fail"));

        // The middle actor restarts, and its default PreRestart stops the leaf.
        ExpectTerminated(leaf);
        middle.Tell(Props.Create(() => new Counter()), TestActor);
        ExpectMsg<IActorRef>();
    }

    [Fact]
    public void One_for_one_restarts_only_the_failed_child()
    {
        var child = ChildOf(new OneForOneStrategy(_ => Directive.Restart), out var supervisor);
        supervisor.Tell(Props.Create(() => new Counter()), TestActor);
        var sibling = ExpectMsg<IActorRef>();
        sibling.Tell("inc");

        child.Tell(new InvalidOperationException("fail"));

        Assert.Equal(0, CountOf(child));
        Assert.Equal(1, CountOf(sibling));
    }

    [Fact]
    public void All_for_one_restarts_the_siblings_too()
    {
        var child = ChildOf(new AllForOneStrategy(_ => Directive.Restart), out var supervisor);
        supervisor.Tell(Props.Create(() => new Counter()), TestActor);
        var sibling = ExpectMsg<IActorRef>();
        sibling.Tell("inc");
        Assert.Equal(1, CountOf(sibling));

        child.Tell(new InvalidOperationException("fail"));

        AwaitAssert(() => Assert.Equal(0, CountOf(sibling)));
    }

    [Fact]
    public void All_for_one_stop_stops_every_child()
    {
        var child = ChildOf(new AllForOneStrategy(_ => Directive.Stop), out var supervisor);
        supervisor.Tell(Props.Create(() => new Counter()), TestActor);
        var sibling = ExpectMsg<IActorRef>();
        Watch(sibling);

        child.Tell(new InvalidOperationException("fail"));

        ExpectTerminated(sibling);
    }

    [Fact]
    public void A_child_is_stopped_once_its_restart_budget_is_spent()
    {
        var child = ChildOf(new OneForOneStrategy(2, null, _ => Directive.Restart), out _);
        Watch(child);

        child.Tell(new InvalidOperationException("1"));
        child.Tell(new InvalidOperationException("2"));
        Assert.Equal(0, CountOf(child));
        child.Tell(new InvalidOperationException("3"));

        ExpectTerminated(child);
    }

    [Fact]
    public void Zero_retries_stop_the_child_at_its_first_failure()
    {
        var child = ChildOf(new OneForOneStrategy(0, null, _ => Directive.Restart), out _);
        Watch(child);

        child.Tell(new InvalidOperationException("1"));

        ExpectTerminated(child);
    }

    [Fact]
    public void Failures_outside_the_time_window_start_a_new_budget()
    {
        var child = ChildOf(new OneForOneStrategy(1, TimeSpan.FromSeconds(10), _ => Directive.Restart), out _);
        Watch(child);

        child.Tell(new InvalidOperationException("1"));
        Assert.Equal(0, CountOf(child));
        Clock.Advance(TimeSpan.FromSeconds(11));
        child.Tell(new InvalidOperationException("2"));
        Assert.Equal(0, CountOf(child));
        child.Tell(new InvalidOperationException("3"));

        ExpectTerminated(child);
    }

    [Fact]
    public void The_default_decider_restarts_on_ordinary_exceptions()
    {
        Assert.Equal(Directive.Restart, SupervisorStrategy.DefaultDecider(new InvalidOperationException()));
        Assert.Equal(Directive.Stop, SupervisorStrategy.DefaultDecider(new ActorInitializationException("x", new Exception())));
        Assert.Equal(Directive.Stop, SupervisorStrategy.DefaultDecider(new ActorKilledException("x")));
        Assert.Equal(Directive.Stop, SupervisorStrategy.DefaultDecider(new DeathPactException(TestActor)));
    }

    [Fact]
    public void A_failure_is_logged_with_its_exception()
    {
        var child = ChildOf(SupervisorStrategy.Default, out _);

        child.Tell(new InvalidOperationException("logged"));

        ExpectError<InvalidOperationException>(e => e.Cause!.Message == "logged" && e.Message.Contains(child.Path));
    }

    [Fact]
    public void A_resumed_failure_is_logged_as_a_warning()
    {
        var child = ChildOf(new OneForOneStrategy(_ => Directive.Resume), out _);

        child.Tell(new InvalidOperationException("minor"));

        ExpectLog(LogLevel.Warning, e => e.Message.Contains("minor"));
    }
}
